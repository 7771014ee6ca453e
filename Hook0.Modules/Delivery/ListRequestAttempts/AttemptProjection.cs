using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Delivery.Data;
using Hook0.Modules.Delivery.Domain;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Delivery.ListRequestAttempts;

/// <summary>
/// The two places an attempt lives, read as one shape (ADR 0016): a finished attempt is a history row
/// (<c>webhook.attempt</c>), an unfinished one a queue row (<c>webhook.delivery_queue</c>). Upstream's fields come out
/// unchanged: a success's <c>succeeded_at</c> and every other outcome's <c>failed_at</c> is its completion time; a queue
/// row is in progress while its lease runs (then its pick time shows), otherwise pending, or waiting while a retry's due
/// time is ahead. The subscription's description is read afterwards for the few rows of a page, so that each half stays
/// one index scan with a LIMIT and no join.
/// </summary>
internal static class AttemptProjection
{
    /// <summary>The history outcome of a success (the other outcomes, retried, given_up and cancelled, all show as failed).</summary>
    internal const string Succeeded = "succeeded";

    public static IQueryable<AttemptRow> FromHistory(IQueryable<AttemptRecord> history)
        => history.Select(a => new AttemptRow(a.RequestAttemptId, a.EventId, a.EventTypeName, a.SubscriptionId, a.CreatedAt, a.PickedAt,
            a.Outcome == Succeeded ? null : a.CompletedAt, a.Outcome == Succeeded ? a.CompletedAt : null, a.DelayUntil, a.ResponseId,
            a.AttemptNumber, a.HttpCode));

    /// <summary>
    /// A lease that ran out shows as not picked (a crashed worker's attempt is pending again); a first try has no delay;
    /// a parked retry's <c>infinity</c> is no due time anyone can show.
    /// </summary>
    public static IQueryable<AttemptRow> FromQueue(IQueryable<QueuedAttempt> queue, DateTime now)
        => queue.Select(q => new AttemptRow(q.RequestAttemptId, q.EventId, q.EventTypeName, q.SubscriptionId, q.CreatedAt,
            q.LeaseUntil > now ? q.PickedAt : null, null, null,
            q.AttemptNumber > 0 && q.DueAt < AttemptKeyset.Infinity ? q.DueAt : null, null, q.AttemptNumber, null));

    /// <summary>The answers for rows already read, with their subscriptions' descriptions (one small keyed read).</summary>
    public static async Task<List<RequestAttemptDto>> ToDtosAsync(DeliveryDbContext db, IReadOnlyList<AttemptRow> rows, DateTime now,
        CancellationToken cancellationToken)
    {
        var ids = rows.Select(r => r.SubscriptionId).Distinct().ToList();
        var descriptions = ids.Count == 0
            ? []
            : await db.Subscriptions.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Description, cancellationToken);
        return [.. rows.Select(r => r.ToDto(descriptions.GetValueOrDefault(r.SubscriptionId), now))];
    }

    internal sealed record AttemptRow(
        Guid Id, Guid EventId, string EventTypeName, Guid SubscriptionId, DateTime CreatedAt, DateTime? PickedAt,
        DateTime? FailedAt, DateTime? SucceededAt, DateTime? DelayUntil, Guid? ResponseId, short RetryCount, short? HttpCode)
    {
        public RequestAttemptDto ToDto(string? description, DateTime now) => new(
            Id, EventId, new AttemptEventDto(EventId, EventTypeName), new AttemptSubscriptionDto(SubscriptionId, description),
            CreatedAt, PickedAt, FailedAt, SucceededAt, DelayUntil, ResponseId, RetryCount, HttpCode,
            AttemptStatusDto.Of(CreatedAt, PickedAt, DelayUntil, SucceededAt, FailedAt, now));
    }
}
