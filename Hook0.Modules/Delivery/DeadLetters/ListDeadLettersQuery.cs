using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Delivery.Data;
using Hook0.Modules.Delivery.ListRequestAttempts;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Delivery.DeadLetters;

internal sealed class ListDeadLettersHandler(DeliveryDbContext db, TimeProvider time) : IQueryHandler<ListDeadLettersQuery, RequestAttemptPage>
{
    public async ValueTask<RequestAttemptPage> Handle(ListDeadLettersQuery query, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var letters = DeadLetterFilter.Apply(db.RequestAttempts.AsNoTracking(), query.ApplicationId, query.SubscriptionId, query.From, query.To, query.EventTypeNames);
        if (query.Cursor is { Length: > 0 } c)
        {
            var cursor = AttemptCursor.Decode(c);
            // The redundant first bound is what the index can seek to; without it PostgreSQL reads every newer row
            // of the application and filters the OR (184 ms instead of 0.4 ms ten days deep into a million attempts).
            letters = letters.Where(a => a.CreatedAt <= cursor.Date && (a.CreatedAt < cursor.Date || (a.CreatedAt == cursor.Date && a.Id.CompareTo(cursor.Id) < 0)));
        }

        var rows = await AttemptProjection.Project(db, letters.OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id).Take(ListRequestAttemptsQuery.PageSize))
            .ToListAsync(cancellationToken);
        var items = rows.Select(r => r.ToDto(now)).ToList();
        var next = items.Count == ListRequestAttemptsQuery.PageSize ? new AttemptCursor(items[^1].CreatedAt, items[^1].RequestAttemptId).Encode() : null;
        return new RequestAttemptPage(items, next);
    }
}
