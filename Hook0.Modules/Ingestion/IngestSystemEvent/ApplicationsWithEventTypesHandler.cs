using Hook0.Modules.Ingestion.Contracts;
using Hook0.Modules.Ingestion.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Ingestion.IngestSystemEvent;

internal sealed class ApplicationsWithEventTypesHandler(IngestionDbContext db) : IQueryHandler<ApplicationsWithEventTypesQuery, IReadOnlyList<Guid>>
{
    public async ValueTask<IReadOnlyList<Guid>> Handle(ApplicationsWithEventTypesQuery query, CancellationToken cancellationToken)
        => await db.EventTypes.AsNoTracking()
            .Where(t => query.ApplicationIds.Contains(t.ApplicationId) && query.Names.Contains(t.Name) && t.DeactivatedAt == null)
            .GroupBy(t => t.ApplicationId)
            .Where(g => g.Select(t => t.Name).Distinct().Count() == query.Names.Count)
            .Select(g => g.Key)
            .ToListAsync(cancellationToken);
}
