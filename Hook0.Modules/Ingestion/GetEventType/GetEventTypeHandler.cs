using Hook0.Modules.Ingestion.Contracts;
using Hook0.Modules.Ingestion.Data;
using Hook0.Modules.Ingestion.Domain;
using Hook0.Modules.Kernel.Errors;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Ingestion.GetEventType;

internal sealed class GetEventTypeHandler(IngestionDbContext db) : IQueryHandler<GetEventTypeQuery, EventTypeDto>
{
    public async ValueTask<EventTypeDto> Handle(GetEventTypeQuery query, CancellationToken cancellationToken)
        => (await db.EventTypes.AsNoTracking()
                .FirstOrDefaultAsync(t => t.ApplicationId == query.ApplicationId && t.Name == query.Name && t.DeactivatedAt == null, cancellationToken))
            ?.ToDto() ?? throw Problems.NotFound.ToException();
}
