using Hook0.Modules.Ingestion.Data;
using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Organizations.Contracts;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Ingestion.Housekeeping;

/// <summary>Applications removed for good (their organization deleted, or purged) lose their event types and events, in the removing transaction.</summary>
internal sealed class OnApplicationsRemoved(IngestionDbContext db, SharedTransaction transaction) : INotificationHandler<OrganizationDeletedNotification>, INotificationHandler<ApplicationsPurgedNotification>
{
    public ValueTask Handle(OrganizationDeletedNotification notification, CancellationToken cancellationToken)
        => RemoveAsync(notification.ApplicationIds, cancellationToken);

    public ValueTask Handle(ApplicationsPurgedNotification notification, CancellationToken cancellationToken)
        => RemoveAsync(notification.ApplicationIds, cancellationToken);

    private async ValueTask RemoveAsync(IReadOnlyList<Guid> applicationIds, CancellationToken cancellationToken)
    {
        await transaction.EnlistAsync(db, cancellationToken);
        // The ids first, found through their events (the key table has no index by application): then the event
        // types, whose deletion cascades to the events.
        await db.EventKeys.Where(k => db.Events.Any(e => applicationIds.Contains(e.ApplicationId) && e.Id == k.EventId)).ExecuteDeleteAsync(cancellationToken);
        await db.EventTypes.Where(t => applicationIds.Contains(t.ApplicationId)).ExecuteDeleteAsync(cancellationToken);
    }
}
