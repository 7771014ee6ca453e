using Mediator;

namespace Hook0.Modules.Organizations.Contracts;

/// <summary>
/// Published inside the transaction that soft-deletes an application, so other modules stop its work
/// (Delivery fails its pending attempts) atomically with the deletion.
/// </summary>
public sealed record ApplicationDeletedNotification(Guid ApplicationId, Guid OrganizationId) : INotification;
