using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Ingestion.Contracts;

/// <summary>
/// Replays every event matching a filter (beyond upstream). A dry run — the default — only answers
/// how many events would be replayed, so an operator sees the blast radius before acting.
/// </summary>
public sealed record ReplayEventsCommand(
    Caller Caller,
    Guid ApplicationId,
    DateTime From,
    DateTime To,
    string? EventType,
    IReadOnlyDictionary<string, string>? Labels,
    Guid? SubscriptionId,
    bool DryRun) : ICommand<ReplayEventsResult>, IAuthorizedRequest
{
    public const int MaxEvents = 10_000;

    public Access Access => new(Caller, Actions.EventReplay, ApplicationId: ApplicationId);
}

public sealed record ReplayEventsResult(int MatchingEvents, bool DryRun, int ReplayedEvents);
