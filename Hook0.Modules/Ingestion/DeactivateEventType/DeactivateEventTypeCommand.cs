using Hook0.Modules.Ingestion.Data;
using Hook0.Modules.Ingestion.Domain;
using Hook0.Modules.Ingestion.IngestEvent;
using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Kernel.Errors;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Ingestion.DeactivateEventType;

/// <summary>
/// Deactivates (never deletes) an event type: it leaves lists, subscriptions keep naming it, and
/// creating it again re-activates it.
/// </summary>
public sealed record DeactivateEventTypeCommand(Caller Caller, Guid ApplicationId, string Name) : ICommand, IAuthorizedRequest
{
    public Access Access => new(Caller, Actions.EventTypeDelete, ApplicationId: ApplicationId);
}

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
