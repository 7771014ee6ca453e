using Hook0.Modules.Ingestion.Contracts;
using Hook0.Modules.Ingestion.Data;
using Hook0.Modules.Kernel.Errors;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Ingestion.GetEvent;

internal sealed class GetEventHandler(IngestionDbContext db) : IQueryHandler<GetEventQuery, EventWithPayloadDto>
{
    public async ValueTask<EventWithPayloadDto> Handle(GetEventQuery query, CancellationToken cancellationToken)
    {
        var e = await db.Events.AsNoTracking().WithId(db, query.EventId)
            .FirstOrDefaultAsync(x => x.ApplicationId == query.ApplicationId, cancellationToken)
            ?? throw Problems.NotFound.ToException();
        return new EventWithPayloadDto(e.Id, e.EventTypeName, e.PayloadContentType, e.Ip?.ToString() ?? string.Empty, e.Metadata,
            e.OccurredAt, e.ReceivedAt, e.Labels, Convert.ToBase64String(e.Payload));
    }
}
