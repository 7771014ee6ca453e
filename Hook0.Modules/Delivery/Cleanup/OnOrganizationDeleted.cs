using Hook0.Modules.Delivery.Data;
using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Organizations.Contracts;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Delivery.Cleanup;

/// <summary>A deleted organization's applications lose their subscriptions, attempts and responses, in the deleting transaction.</summary>
internal sealed class OnOrganizationDeleted(DeliveryDbContext db, SharedTransaction transaction) : INotificationHandler<OrganizationDeletedNotification>
{
    public async ValueTask Handle(OrganizationDeletedNotification notification, CancellationToken cancellationToken)
    {
        await transaction.EnlistAsync(db, cancellationToken);
        var applicationIds = notification.ApplicationIds;
        // Responses hang off attempts (which cascade with their subscription): remove them first.
        var responses = db.RequestAttempts.Where(a => applicationIds.Contains(a.ApplicationId) && a.ResponseId != null).Select(a => a.ResponseId);
        await db.Responses.Where(r => responses.Contains(r.Id)).ExecuteDeleteAsync(cancellationToken);
        await db.Subscriptions.Where(s => applicationIds.Contains(s.ApplicationId)).ExecuteDeleteAsync(cancellationToken);
    }
}
