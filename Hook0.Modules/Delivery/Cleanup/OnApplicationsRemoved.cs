using Hook0.Modules.Delivery.Data;
using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Organizations.Contracts;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Delivery.Cleanup;

/// <summary>Applications removed for good lose their subscriptions, attempts and responses, in the removing transaction.</summary>
internal sealed class OnApplicationsRemoved(DeliveryDbContext db, SharedTransaction transaction) : INotificationHandler<OrganizationDeletedNotification>, INotificationHandler<ApplicationsPurgedNotification>
{
    public ValueTask Handle(OrganizationDeletedNotification notification, CancellationToken cancellationToken)
        => RemoveAsync(notification.ApplicationIds, cancellationToken);

    public ValueTask Handle(ApplicationsPurgedNotification notification, CancellationToken cancellationToken)
        => RemoveAsync(notification.ApplicationIds, cancellationToken);

    private async ValueTask RemoveAsync(IReadOnlyList<Guid> applicationIds, CancellationToken cancellationToken)
    {
        await transaction.EnlistAsync(db, cancellationToken);
        // Responses hang off attempts (which cascade with their subscription): remove them first.
        var responses = db.RequestAttempts.Where(a => applicationIds.Contains(a.ApplicationId) && a.ResponseId != null).Select(a => a.ResponseId);
        await db.Responses.Where(r => responses.Contains(r.Id)).ExecuteDeleteAsync(cancellationToken);
        await db.Subscriptions.Where(s => applicationIds.Contains(s.ApplicationId)).ExecuteDeleteAsync(cancellationToken);
    }
}
