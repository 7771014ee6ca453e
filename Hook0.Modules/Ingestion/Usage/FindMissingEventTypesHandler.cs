using Hook0.Modules.Ingestion.Contracts;
using Hook0.Modules.Ingestion.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Ingestion.Usage;

internal sealed class FindMissingEventTypesHandler(IngestionDbContext db) : IQueryHandler<FindMissingEventTypesQuery, IReadOnlyList<string>>
{
    public async ValueTask<IReadOnlyList<string>> Handle(FindMissingEventTypesQuery query, CancellationToken cancellationToken)
    {
        var names = query.Names.Distinct().ToList();
        var existing = await db.EventTypes.AsNoTracking()
            .Where(t => t.ApplicationId == query.ApplicationId && names.Contains(t.Name))
            .Select(t => t.Name)
            .ToListAsync(cancellationToken);
        return [.. names.Except(existing)];
    }
}
