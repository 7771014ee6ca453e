using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Delivery.Contracts;

/// <summary>Newest first, 50 a page, keyset-paged so pages stay stable while new attempts arrive.</summary>
public sealed record ListRequestAttemptsQuery(
    Caller Caller,
    Guid ApplicationId,
    Guid? EventId,
    Guid? SubscriptionId,
    DateTime? MinCreatedAt,
    DateTime? MaxCreatedAt,
    IReadOnlyList<string> EventTypeNames,
    string? PaginationCursor) : IQuery<RequestAttemptPage>, IAuthorizedRequest
{
    public const int PageSize = 50;

    public Access Access => new(Caller, Actions.RequestAttemptList, ApplicationId: ApplicationId, Facts: [AccessFacts.EventTypeNames(EventTypeNames)]);
}

public sealed record RequestAttemptPage(IReadOnlyList<RequestAttemptDto> Items, string? NextCursor);
