using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Delivery.Data;
using Hook0.Modules.Delivery.ListRequestAttempts;
using Hook0.Modules.Kernel.Auth;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Delivery.DeadLetters;

/// <summary>
/// Attempts that failed for good — retries exhausted, an unsignable header, or <c>410 Gone</c> — and
/// were not sent again since: the dead letters (upstream has no such list). Newest first, 50 a page.
/// </summary>
public sealed record ListDeadLettersQuery(Caller Caller, Guid ApplicationId, Guid? SubscriptionId, string? Cursor)
    : IQuery<RequestAttemptPage>, IAuthorizedRequest
{
    public Access Access => new(Caller, "request_attempt:list", ApplicationId: ApplicationId);
}

internal sealed class ListDeadLettersHandler(DeliveryDbContext db, TimeProvider time) : IQueryHandler<ListDeadLettersQuery, RequestAttemptPage>
{
    public async ValueTask<RequestAttemptPage> Handle(ListDeadLettersQuery query, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var letters = DeadLetterFilter.Apply(db.RequestAttempts.AsNoTracking(), query.ApplicationId, query.SubscriptionId, null, null);
        if (query.Cursor is { Length: > 0 } c)
        {
            var cursor = AttemptCursor.Decode(c);
            letters = letters.Where(a => a.CreatedAt < cursor.Date || (a.CreatedAt == cursor.Date && a.Id.CompareTo(cursor.Id) < 0));
        }

        var rows = await AttemptProjection.Project(db, letters.OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id).Take(ListRequestAttemptsQuery.PageSize))
            .ToListAsync(cancellationToken);
        var items = rows.Select(r => r.ToDto(now)).ToList();
        var next = items.Count == ListRequestAttemptsQuery.PageSize ? new AttemptCursor(items[^1].CreatedAt, items[^1].RequestAttemptId).Encode() : null;
        return new RequestAttemptPage(items, next);
    }
}
