using Hook0.Modules.Ingestion.Contracts;
using Hook0.Modules.Ingestion.Data;
using Hook0.Modules.Ingestion.Domain;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Ingestion.ListEventTypes;

internal sealed class ListEventTypesHandler(IngestionDbContext db) : IQueryHandler<ListEventTypesQuery, IReadOnlyList<EventTypeDto>>
{
    public async ValueTask<IReadOnlyList<EventTypeDto>> Handle(ListEventTypesQuery query, CancellationToken cancellationToken)
        => [.. (await db.EventTypes.AsNoTracking()
                .Where(t => t.ApplicationId == query.ApplicationId && t.DeactivatedAt == null)
                .OrderBy(t => t.Name)
                .ToListAsync(cancellationToken))
            .Select(t => t.ToDto())];
}
