using Hook0.Modules.Delivery.Data;
using Hook0.Modules.Delivery.ScheduleAttempts;
using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Organizations.Contracts;
using Mediator;

namespace Hook0.Modules.Delivery.Cleanup;

/// <summary>A deleted application's pending deliveries are failed, in the deleting transaction.</summary>
internal sealed class OnApplicationDeleted(DeliveryDbContext db, SharedTransaction transaction, TimeProvider time)
    : INotificationHandler<ApplicationDeletedNotification>
{
    public async ValueTask Handle(ApplicationDeletedNotification notification, CancellationToken cancellationToken)
    {
        await transaction.EnlistAsync(db, cancellationToken);
        await PendingAttempts.FailForApplicationAsync(db, notification.ApplicationId, time.UtcNowForDatabase(), cancellationToken);
    }
}
