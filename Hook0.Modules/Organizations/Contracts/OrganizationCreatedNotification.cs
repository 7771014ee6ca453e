using Mediator;

namespace Hook0.Modules.Organizations.Contracts;

/// <summary>
/// Published once an organization is created (committed), with the system application created with it,
/// so other modules set up what they keep for it (Delivery: the operational event types).
/// </summary>
public sealed record OrganizationCreatedNotification(Guid OrganizationId, Guid SystemApplicationId) : INotification;
