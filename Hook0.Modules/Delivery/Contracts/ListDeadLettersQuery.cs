using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Delivery.Contracts;

/// <summary>
/// Attempts that failed for good — retries exhausted, an unsignable header, or <c>410 Gone</c> — and
/// were not sent again since: the dead letters (upstream has no such list). Newest failure first, 50 a page.
/// Optional filters: event types (null or empty for all), and failed at or after <c>From</c>, before <c>To</c>
/// (the same range <see cref="RetryDeadLettersCommand"/> takes, so a list and its bulk retry agree).
/// </summary>
public sealed record ListDeadLettersQuery(Caller Caller, Guid ApplicationId, Guid? SubscriptionId, string? Cursor,
    IReadOnlyList<string>? EventTypeNames = null, DateTime? From = null, DateTime? To = null)
    : IQuery<RequestAttemptPage>, IAuthorizedRequest
{
    public Access Access => new(Caller, Actions.RequestAttemptList, ApplicationId: ApplicationId);
}
