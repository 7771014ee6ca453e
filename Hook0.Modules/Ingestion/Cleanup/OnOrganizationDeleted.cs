using Hook0.Modules.Ingestion.Data;
using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Organizations.Contracts;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Ingestion.Cleanup;

/// <summary>A deleted organization's applications lose their event types, in the deleting transaction.</summary>
internal sealed class OnOrganizationDeleted(IngestionDbContext db, SharedTransaction transaction) : INotificationHandler<OrganizationDeletedNotification>
{
    public async ValueTask Handle(OrganizationDeletedNotification notification, CancellationToken cancellationToken)
    {
        await transaction.EnlistAsync(db, cancellationToken);
        var applicationIds = notification.ApplicationIds;
        await db.EventTypes.Where(t => applicationIds.Contains(t.ApplicationId)).ExecuteDeleteAsync(cancellationToken);
    }
}
