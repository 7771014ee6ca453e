using Hook0.Modules.Delivery.Data;
using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Organizations.Contracts;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Delivery.Cleanup;

/// <summary>A deleted organization's applications lose their subscriptions, in the deleting transaction.</summary>
internal sealed class OnOrganizationDeleted(DeliveryDbContext db, SharedTransaction transaction) : INotificationHandler<OrganizationDeletedNotification>
{
    public async ValueTask Handle(OrganizationDeletedNotification notification, CancellationToken cancellationToken)
    {
        await transaction.EnlistAsync(db, cancellationToken);
        var applicationIds = notification.ApplicationIds;
        await db.Subscriptions.Where(s => applicationIds.Contains(s.ApplicationId)).ExecuteDeleteAsync(cancellationToken);
    }
}
