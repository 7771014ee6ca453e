using Hook0.Modules.Kernel.Audit;
using Hook0.Modules.Ingestion.Data;
using Hook0.Modules.Ingestion.Domain;
using Hook0.Modules.Ingestion.IngestEvent;
using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Kernel.Errors;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Hook0.Modules.Ingestion.Contracts;

namespace Hook0.Modules.Ingestion.DeactivateEventType;

internal sealed class DeactivateEventTypeHandler(IngestionDbContext db, EventTypeCatalog catalog, AuditTrail audit, TimeProvider time) : ICommandHandler<DeactivateEventTypeCommand>
{
    public async ValueTask<Unit> Handle(DeactivateEventTypeCommand command, CancellationToken cancellationToken)
    {
        var now = time.UtcNowForDatabase();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var changed = await db.EventTypes
            .Where(t => t.ApplicationId == command.ApplicationId && t.Name == command.Name && t.DeactivatedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.DeactivatedAt, now), cancellationToken);
        if (changed == 0)
        {
            throw Problems.NotFound.ToException();
        }

        await audit.WriteAsync(AuditTrail.Prepare(null, new AuditChange(null, "event_type", command.Name, "delete")
        {
            ApplicationId = command.ApplicationId,
            Details = new Dictionary<string, object?> { ["event_type.deactivated_at"] = new { from = (DateTime?)null, to = now } },
        }), db, cancellationToken);
        await EventTypeChanges.AnnounceAsync(db, catalog, command.ApplicationId, command.Name, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Unit.Value;
    }
}
