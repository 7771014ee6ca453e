using Hook0.Modules.Delivery.Data;
using Hook0.Modules.Delivery.Domain;

namespace Hook0.Modules.Delivery.DeadLetters;

internal static class DeadLetterFilter
{
    /// <summary>
    /// The dead letters in the history (ADR 0016): attempts given up for a dead reason and not marked retried since.
    /// The outcome and reasons are written as constants, the same predicate as the dead-letter partial index
    /// (application_id, completed_at), so PostgreSQL can prove the index applies; a failure time range also bounds
    /// created_at (an attempt is created before it completes), which prunes the day partitions after it.
    /// </summary>
    public static IQueryable<AttemptRecord> Apply(DeliveryDbContext db, Guid applicationId, Guid? subscriptionId, DateTime? from, DateTime? to,
        IReadOnlyList<string>? eventTypeNames = null)
    {
        var letters = db.AttemptHistory.Where(a => a.ApplicationId == applicationId && a.Outcome == "given_up"
                                                   && (a.Reason == "exhausted" || a.Reason == "invalid_header" || a.Reason == "gone_410")
                                                   && !db.DeadLetterRetries.Any(r => r.ApplicationId == a.ApplicationId && r.RequestAttemptId == a.RequestAttemptId));
        if (subscriptionId is { } subscription)
        {
            letters = letters.Where(a => a.SubscriptionId == subscription);
        }

        if (eventTypeNames is { Count: > 0 } names)
        {
            letters = letters.Where(a => names.Contains(a.EventTypeName));
        }

        if (from is { } f)
        {
            letters = letters.Where(a => a.CompletedAt >= f);
        }

        if (to is { } t)
        {
            letters = letters.Where(a => a.CompletedAt < t && a.CreatedAt < t);
        }

        return letters;
    }
}
