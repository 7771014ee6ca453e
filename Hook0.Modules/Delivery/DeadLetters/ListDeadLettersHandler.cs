using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Delivery.Data;
using Hook0.Modules.Delivery.Domain;
using Hook0.Modules.Delivery.ListRequestAttempts;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Delivery.DeadLetters;

/// <summary>
/// Newest failure first, keyset-paged on (completed_at, id): the order of the dead-letter partial index, read backwards
/// in each day partition (ADR 0016; wave one ordered by creation time, which no index over dead letters alone gives).
/// The cursor keeps upstream's format, its date being the failure time.
/// </summary>
internal sealed class ListDeadLettersHandler(DeliveryDbContext db, TimeProvider time) : IQueryHandler<ListDeadLettersQuery, RequestAttemptPage>
{
    public async ValueTask<RequestAttemptPage> Handle(ListDeadLettersQuery query, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var rows = await AttemptProjection.FromHistory(Page(db, query)).ToListAsync(cancellationToken);
        var items = await AttemptProjection.ToDtosAsync(db, rows, now, cancellationToken);
        var next = items.Count == ListRequestAttemptsQuery.PageSize ? new AttemptCursor(items[^1].FailedAt!.Value, items[^1].RequestAttemptId).Encode() : null;
        return new RequestAttemptPage(items, next);
    }

    /// <summary>The page's rows (its plan is pinned by a test).</summary>
    internal static IQueryable<AttemptRecord> Page(DeliveryDbContext db, ListDeadLettersQuery query)
    {
        var letters = DeadLetterFilter.Apply(db, query.ApplicationId, query.SubscriptionId, query.From, query.To, query.EventTypeNames).AsNoTracking();
        if (query.Cursor is { Length: > 0 } c)
        {
            var cursor = AttemptCursor.Decode(c);
            // The redundant bound is what the index seeks to. (A created_at bound would prune the partitions created after
            // the cursor, but PostgreSQL takes the two as independent and, underestimating the rows left, sorts them all.)
            letters = letters.Where(a => a.CompletedAt <= cursor.Date
                                         && (a.CompletedAt < cursor.Date || (a.CompletedAt == cursor.Date && a.RequestAttemptId.CompareTo(cursor.Id) < 0)));
        }

        return letters.OrderByDescending(a => a.CompletedAt).ThenByDescending(a => a.RequestAttemptId).Take(ListRequestAttemptsQuery.PageSize);
    }
}
