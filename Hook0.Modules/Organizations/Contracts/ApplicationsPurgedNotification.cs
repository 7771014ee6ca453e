using Mediator;

namespace Hook0.Modules.Organizations.Contracts;

/// <summary>
/// Published inside the transaction that removes long soft-deleted applications for good, so each
/// module removes its rows for them in that same transaction.
/// </summary>
public sealed record ApplicationsPurgedNotification(IReadOnlyList<Guid> ApplicationIds) : INotification;
