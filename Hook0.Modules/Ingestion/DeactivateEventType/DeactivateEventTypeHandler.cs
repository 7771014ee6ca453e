using Hook0.Modules.Ingestion.Data;
using Hook0.Modules.Ingestion.Domain;
using Hook0.Modules.Ingestion.IngestEvent;
using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Kernel.Errors;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Hook0.Modules.Ingestion.Contracts;

namespace Hook0.Modules.Ingestion.DeactivateEventType;

internal sealed class DeactivateEventTypeHandler(IngestionDbContext db, EventTypeCatalog catalog, TimeProvider time) : ICommandHandler<DeactivateEventTypeCommand>
{
    public async ValueTask<Unit> Handle(DeactivateEventTypeCommand command, CancellationToken cancellationToken)
    {
        var now = time.UtcNowForDatabase();
        var changed = await db.EventTypes
            .Where(t => t.ApplicationId == command.ApplicationId && t.Name == command.Name && t.DeactivatedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.DeactivatedAt, now), cancellationToken);
        if (changed == 0)
        {
            throw Problems.NotFound.ToException();
        }

        await EventTypeChanges.AnnounceAsync(db, catalog, command.ApplicationId, command.Name, cancellationToken);
        return Unit.Value;
    }
}
