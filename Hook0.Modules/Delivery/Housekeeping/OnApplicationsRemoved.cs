using Hook0.Modules.Delivery.Data;
using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Organizations.Contracts;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Delivery.Housekeeping;

/// <summary>
/// Applications removed for good lose their subscriptions, queued attempts, attempt history (with the responses in it)
/// and dead-letter marks, in the removing transaction (ADR 0016). None of these tables has a foreign key to the
/// subscription but the lane (it cascades): each is keyed by application first, so each delete is an index range.
/// </summary>
internal sealed class OnApplicationsRemoved(DeliveryDbContext db, SharedTransaction transaction) : INotificationHandler<OrganizationDeletedNotification>, INotificationHandler<ApplicationsPurgedNotification>
{
    public ValueTask Handle(OrganizationDeletedNotification notification, CancellationToken cancellationToken)
        => RemoveAsync(notification.ApplicationIds, cancellationToken);

    public ValueTask Handle(ApplicationsPurgedNotification notification, CancellationToken cancellationToken)
        => RemoveAsync(notification.ApplicationIds, cancellationToken);

    private async ValueTask RemoveAsync(IReadOnlyList<Guid> applicationIds, CancellationToken cancellationToken)
    {
        await transaction.EnlistAsync(db, cancellationToken);
        await db.Queue.Where(q => applicationIds.Contains(q.ApplicationId)).ExecuteDeleteAsync(cancellationToken);
        await db.AttemptHistory.Where(a => applicationIds.Contains(a.ApplicationId)).ExecuteDeleteAsync(cancellationToken);
        await db.DeadLetterRetries.Where(r => applicationIds.Contains(r.ApplicationId)).ExecuteDeleteAsync(cancellationToken);
        await db.Subscriptions.Where(s => applicationIds.Contains(s.ApplicationId)).ExecuteDeleteAsync(cancellationToken);
    }
}
