using Hook0.Modules.Ingestion.Contracts;
using Hook0.Modules.Ingestion.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Ingestion.Usage;

internal sealed class GetApplicationsUsageHandler(IngestionDbContext db) : IQueryHandler<GetApplicationsUsageQuery, ApplicationsUsage>
{
    public async ValueTask<ApplicationsUsage> Handle(GetApplicationsUsageQuery query, CancellationToken cancellationToken)
    {
        var hasEventType = await db.EventTypes.AsNoTracking()
            .AnyAsync(t => query.ApplicationIds.Contains(t.ApplicationId) && t.DeactivatedAt == null, cancellationToken);
        return new ApplicationsUsage(hasEventType, HasEvent: false, EventsToday: 0);
    }
}
