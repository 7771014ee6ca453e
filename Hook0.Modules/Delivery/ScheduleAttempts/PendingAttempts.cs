using Hook0.Modules.Delivery.Data;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Delivery.ScheduleAttempts;

/// <summary>
/// Cancels undelivered work: a disabled or deleted subscription, or a deleted application, fails
/// its pending attempts (upstream's behaviour; they are not revived if re-enabled).
/// </summary>
internal static class PendingAttempts
{
    public static Task<int> FailForSubscriptionAsync(DeliveryDbContext db, Guid subscriptionId, DateTime now, CancellationToken cancellationToken)
        => db.RequestAttempts
            .Where(a => a.SubscriptionId == subscriptionId && a.SucceededAt == null && a.FailedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.FailedAt, now), cancellationToken);

    public static Task<int> FailForApplicationAsync(DeliveryDbContext db, Guid applicationId, DateTime now, CancellationToken cancellationToken)
        => db.RequestAttempts
            .Where(a => a.ApplicationId == applicationId && a.SucceededAt == null && a.FailedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.FailedAt, now), cancellationToken);
}
