using Hook0.Modules.Kernel.Audit;
using Hook0.Modules.Ingestion.Contracts;
using Hook0.Modules.Ingestion.Data;
using Hook0.Modules.Kernel.Contracts;
using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Kernel.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Ingestion.ReplayEvent;

internal sealed class ReplayEventHandler(IngestionDbContext db, SharedTransaction transaction, ISender sender, AuditTrail audit, TimeProvider time) : ICommandHandler<ReplayEventCommand>
{
    public async ValueTask<Unit> Handle(ReplayEventCommand command, CancellationToken cancellationToken)
    {
        var e = await db.Events.AsNoTracking().WithId(db, command.EventId)
            .Where(x => x.ApplicationId == command.ApplicationId)
            .Select(x => new { x.Id, x.EventTypeName, x.Labels, x.ReceivedAt })
            .FirstOrDefaultAsync(cancellationToken) ?? throw Problems.NotFound.ToException();

        await transaction.BeginAsync(cancellationToken);
        await transaction.EnlistAsync(db, cancellationToken);
        await sender.Send(new DispatchEventCommand(e.Id, command.ApplicationId, e.EventTypeName, System.Text.Json.JsonSerializer.Serialize(e.Labels), e.ReceivedAt), cancellationToken);
        await db.Events.Where(x => x.ApplicationId == command.ApplicationId && x.ReceivedAt == e.ReceivedAt && x.Id == e.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.DispatchedAt, time.UtcNowForDatabase()), cancellationToken);
        await audit.WriteAsync(AuditTrail.Prepare(null, new AuditChange(null, "event", e.Id, "replay") { ApplicationId = command.ApplicationId }), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Unit.Value;
    }
}
