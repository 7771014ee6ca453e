using Mediator;

namespace Hook0.Modules.Organizations.Contracts;

/// <summary>
/// Published inside the transaction that deletes an organization, with every application it owned
/// (all already soft-deleted), so each module removes its rows for them in that same transaction.
/// </summary>
public sealed record OrganizationDeletedNotification(Guid OrganizationId, IReadOnlyList<Guid> ApplicationIds) : INotification;
