using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Delivery.Data;
using Hook0.Modules.Delivery.Domain;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Delivery.ListRequestAttempts;

/// <summary>
/// A page is the union of the queue (unfinished attempts) and the history (finished ones), newest first by
/// (created_at, id) (ADR 0016). Each half takes at most a page with the same filters and cursor bounds, each as one
/// index scan with a LIMIT (the queue by its primary key, the history by its primary key or the subscription, event
/// type, event or failed index); the two are merged here and cut to a page, so the cursor of its last row is exact for
/// both halves on the next call.
/// </summary>
internal sealed class ListRequestAttemptsHandler(DeliveryDbContext db, TimeProvider time) : IQueryHandler<ListRequestAttemptsQuery, RequestAttemptPage>
{
    public async ValueTask<RequestAttemptPage> Handle(ListRequestAttemptsQuery query, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        // Several subscriptions: each one's page with the same filters and cursor; the newest page of their union is in
        // the union of their pages, so the merged cut and its cursor are exact, and each read stays one ordered index scan.
        var pages = query.SubscriptionIds is { } ids
            ? [.. ids.Distinct().Select(id => Halves(db, query with { SubscriptionId = id, SubscriptionIds = null }, now))]
            : new[] { Halves(db, query, now) };
        var rows = new List<AttemptProjection.AttemptRow>();
        // All reads from one snapshot: an attempt recorded between two reads (its queue row deleted and its history
        // row written in one transaction) would otherwise be listed twice, once from each. Reads only: nothing to commit.
        await using var snapshot = pages.Sum(p => (p.Queue is null ? 0 : 1) + (p.History is null ? 0 : 1)) > 1
            ? await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken)
            : null;
        foreach (var (queue, history) in pages)
        {
            if (queue is not null)
            {
                rows.AddRange(await AttemptProjection.FromQueue(queue, now).ToListAsync(cancellationToken));
            }

            if (history is not null)
            {
                rows.AddRange(await AttemptProjection.FromHistory(history).ToListAsync(cancellationToken));
            }
        }

        var page = AttemptKeyset.Merge(rows).Take(ListRequestAttemptsQuery.PageSize).ToList();
        var items = await AttemptProjection.ToDtosAsync(db, page, now, cancellationToken);
        var next = items.Count == ListRequestAttemptsQuery.PageSize ? new AttemptCursor(items[^1].CreatedAt, items[^1].RequestAttemptId).Encode() : null;
        return new RequestAttemptPage(items, next);
    }

    /// <summary>Each half's page (null for a half no wanted status can occur in); their plans are pinned by tests.</summary>
    internal static (IQueryable<QueuedAttempt>? Queue, IQueryable<AttemptRecord>? History) Halves(DeliveryDbContext db, ListRequestAttemptsQuery query,
        DateTime now)
    {
        var cursor = query.PaginationCursor is { Length: > 0 } c ? AttemptCursor.Decode(c) : null;
        var statuses = AttemptStatusFilter.Of(query.Statuses, now);
        var min = query.MinCreatedAt ?? DateTime.UnixEpoch;
        var max = query.MaxCreatedAt ?? now;
        return (statuses.ReadsQueue ? QueueHalf(db, query, statuses, cursor, min, max) : null,
            statuses.ReadsHistory ? HistoryHalf(db, query, statuses, cursor, min, max) : null);
    }

    /// <summary>Backwards along the queue's primary key (application_id, request_attempt_id) from the id bound of the range or cursor.</summary>
    private static IQueryable<QueuedAttempt> QueueHalf(DeliveryDbContext db, ListRequestAttemptsQuery query, AttemptStatusFilter statuses, AttemptCursor? cursor, DateTime min, DateTime max)
    {
        var upper = cursor is null || cursor.Date > max ? max : cursor.Date;
        var highestId = AttemptKeyset.LowestIdAt(upper, AttemptKeyset.Slack);
        var lowestId = AttemptKeyset.LowestIdAt(min, -AttemptKeyset.Slack);
        var queue = db.Queue.AsNoTracking()
            .Where(q => q.ApplicationId == query.ApplicationId && q.RequestAttemptId.CompareTo(highestId) < 0 && q.RequestAttemptId.CompareTo(lowestId) >= 0
                        && q.CreatedAt >= min && q.CreatedAt <= max);
        if (query.EventId is { } eventId)
        {
            queue = queue.Where(q => q.EventId == eventId);
        }

        if (query.SubscriptionId is { } subscriptionId)
        {
            queue = queue.Where(q => q.SubscriptionId == subscriptionId);
        }

        if (query.EventTypeNames.Count > 0)
        {
            queue = queue.Where(q => query.EventTypeNames.Contains(q.EventTypeName));
        }

        if (statuses.Queue is { } status)
        {
            queue = queue.Where(status);
        }

        if (cursor is not null)
        {
            queue = queue.Where(q => q.CreatedAt < cursor.Date || (q.CreatedAt == cursor.Date && q.RequestAttemptId.CompareTo(cursor.Id) < 0));
        }

        return queue.OrderByDescending(q => q.RequestAttemptId).Take(ListRequestAttemptsQuery.PageSize);
    }

    /// <summary>
    /// Backwards along (created_at, id) in each day partition the bounds leave (a merge of ordered index scans): the
    /// primary key, or the subscription, event-type or failed index when that filter is given.
    /// </summary>
    private static IQueryable<AttemptRecord> HistoryHalf(DeliveryDbContext db, ListRequestAttemptsQuery query, AttemptStatusFilter statuses, AttemptCursor? cursor, DateTime min, DateTime max)
    {
        var history = db.AttemptHistory.AsNoTracking()
            .Where(a => a.ApplicationId == query.ApplicationId && a.CreatedAt >= min && a.CreatedAt <= max);
        if (query.EventId is { } eventId)
        {
            history = history.Where(a => a.EventId == eventId);
        }

        if (query.SubscriptionId is { } subscriptionId)
        {
            history = history.Where(a => a.SubscriptionId == subscriptionId);
        }

        if (query.EventTypeNames.Count > 0)
        {
            history = query.EventTypeNames.Count == 1
                ? history.Where(a => a.EventTypeName == query.EventTypeNames[0]) // an equality the event-type index is ordered under
                : history.Where(a => query.EventTypeNames.Contains(a.EventTypeName));
        }

        if (statuses.History is { } status)
        {
            history = history.Where(status);
        }

        if (cursor is not null)
        {
            // The redundant first bound is what the index can seek to (and what prunes newer partitions); without it
            // PostgreSQL reads every newer row of the application and filters the OR.
            history = history.Where(a => a.CreatedAt <= cursor.Date
                                         && (a.CreatedAt < cursor.Date || (a.CreatedAt == cursor.Date && a.RequestAttemptId.CompareTo(cursor.Id) < 0)));
        }

        return history.OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.RequestAttemptId).Take(ListRequestAttemptsQuery.PageSize);
    }
}
