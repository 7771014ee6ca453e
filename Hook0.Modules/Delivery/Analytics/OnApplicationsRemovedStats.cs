using Hook0.Modules.Delivery.Data;
using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Organizations.Contracts;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Delivery.Analytics;

/// <summary>Applications removed for good lose their delivery statistics, in the removing transaction.</summary>
internal sealed class OnApplicationsRemovedStats(DeliveryDbContext db, SharedTransaction transaction)
    : INotificationHandler<OrganizationDeletedNotification>, INotificationHandler<ApplicationsPurgedNotification>
{
    public ValueTask Handle(OrganizationDeletedNotification notification, CancellationToken cancellationToken)
        => RemoveAsync(notification.ApplicationIds, cancellationToken);

    public ValueTask Handle(ApplicationsPurgedNotification notification, CancellationToken cancellationToken)
        => RemoveAsync(notification.ApplicationIds, cancellationToken);

    private async ValueTask RemoveAsync(IReadOnlyList<Guid> applicationIds, CancellationToken cancellationToken)
    {
        await transaction.EnlistAsync(db, cancellationToken);
        await db.DeliveryStats.Where(s => applicationIds.Contains(s.ApplicationId)).ExecuteDeleteAsync(cancellationToken);
        await db.Set<DeliveryStatHour>().Where(s => applicationIds.Contains(s.ApplicationId)).ExecuteDeleteAsync(cancellationToken);
    }
}
