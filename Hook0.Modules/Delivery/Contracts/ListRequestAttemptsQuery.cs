using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Delivery.Contracts;

/// <summary>
/// Newest first, 50 a page, keyset-paged so pages stay stable while new attempts arrive. <c>Statuses</c>
/// keeps attempts in one of these computed statuses (<see cref="AttemptStatuses"/>; null or empty for all):
/// each status is a predicate on the row's columns, so the filter runs in the database, not after paging.
/// <c>SubscriptionIds</c> (not on the REST route: the customer portal's scope-wide log) keeps attempts of any of these
/// subscriptions, at most <see cref="MaxSubscriptionIds"/>; each is read as its own page and the pages are merged.
/// </summary>
public sealed record ListRequestAttemptsQuery(
    Caller Caller,
    Guid ApplicationId,
    Guid? EventId,
    Guid? SubscriptionId,
    DateTime? MinCreatedAt,
    DateTime? MaxCreatedAt,
    IReadOnlyList<string> EventTypeNames,
    string? PaginationCursor,
    IReadOnlyList<string>? Statuses = null,
    IReadOnlyList<Guid>? SubscriptionIds = null) : IQuery<RequestAttemptPage>, IAuthorizedRequest
{
    public const int PageSize = 50;

    /// <summary>The most subscriptions one merged page reads (the portal's endpoint cap cannot exceed it).</summary>
    public const int MaxSubscriptionIds = 1000;

    public Access Access => new(Caller, Actions.RequestAttemptList, ApplicationId: ApplicationId, Facts: [AccessFacts.EventTypeNames(EventTypeNames)]);
}

public sealed record RequestAttemptPage(IReadOnlyList<RequestAttemptDto> Items, string? NextCursor);

/// <summary>The status names <see cref="AttemptStatusDto.Of"/> computes, in the order its rules apply.</summary>
public static class AttemptStatuses
{
    public const string Failed = "failed";
    public const string Successful = "successful";
    public const string InProgress = "inprogress";
    public const string Waiting = "waiting";
    public const string Pending = "pending";

    public static readonly IReadOnlyList<string> All = [Pending, Waiting, InProgress, Successful, Failed];
}
