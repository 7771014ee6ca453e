using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Delivery.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Delivery.ListRequestAttempts;

internal sealed class ListRequestAttemptsHandler(DeliveryDbContext db, TimeProvider time) : IQueryHandler<ListRequestAttemptsQuery, RequestAttemptPage>
{
    public async ValueTask<RequestAttemptPage> Handle(ListRequestAttemptsQuery query, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var cursor = query.PaginationCursor is { Length: > 0 } c ? AttemptCursor.Decode(c) : null;
        var attempts = db.RequestAttempts.AsNoTracking().Where(a => a.ApplicationId == query.ApplicationId);
        if (query.EventId is { } eventId)
        {
            attempts = attempts.Where(a => a.EventId == eventId);
        }

        if (query.SubscriptionId is { } subscriptionId)
        {
            attempts = attempts.Where(a => a.SubscriptionId == subscriptionId);
        }

        if (query.EventTypeNames.Count > 0)
        {
            attempts = attempts.Where(a => query.EventTypeNames.Contains(a.EventTypeName));
        }

        var min = query.MinCreatedAt ?? DateTime.UnixEpoch;
        var max = query.MaxCreatedAt ?? now;
        attempts = attempts.Where(a => a.CreatedAt >= min && a.CreatedAt <= max);
        attempts = AttemptStatusFilter.Apply(attempts, query.Statuses, now);
        if (cursor is not null)
        {
            // The redundant first bound is what the index can seek to; without it PostgreSQL reads every newer row
            // of the application and filters the OR (184 ms instead of 0.4 ms ten days deep into a million attempts).
            attempts = attempts.Where(a => a.CreatedAt <= cursor.Date && (a.CreatedAt < cursor.Date || (a.CreatedAt == cursor.Date && a.Id.CompareTo(cursor.Id) < 0)));
        }

        var rows = await AttemptProjection.Project(db, attempts.OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id).Take(ListRequestAttemptsQuery.PageSize))
            .ToListAsync(cancellationToken);
        var items = rows.Select(r => r.ToDto(now)).ToList();
        var next = items.Count == ListRequestAttemptsQuery.PageSize ? new AttemptCursor(items[^1].CreatedAt, items[^1].RequestAttemptId).Encode() : null;
        return new RequestAttemptPage(items, next);
    }
}
