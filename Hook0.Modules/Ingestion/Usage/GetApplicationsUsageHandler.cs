using Hook0.Modules.Ingestion.Data;
using Hook0.Modules.Kernel.Contracts;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Ingestion.Usage;

internal sealed class GetApplicationsUsageHandler(IngestionDbContext db, TimeProvider time) : IQueryHandler<GetApplicationsUsageQuery, ApplicationsUsage>
{
    public async ValueTask<ApplicationsUsage> Handle(GetApplicationsUsageQuery query, CancellationToken cancellationToken)
    {
        var ids = query.ApplicationIds;
        var hasEventType = await db.EventTypes.AsNoTracking().AnyAsync(t => ids.Contains(t.ApplicationId) && t.DeactivatedAt == null, cancellationToken);
        var hasEvent = await db.Events.AsNoTracking().AnyAsync(e => ids.Contains(e.ApplicationId), cancellationToken);
        // From the minute-fresh aggregate, like upstream's quota figure: approximate, never a full count.
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var eventsToday = await db.EventsPerDay.AsNoTracking().Where(d => ids.Contains(d.ApplicationId) && d.Day == today)
            .SumAsync(d => (long)d.Amount, cancellationToken);
        return new ApplicationsUsage(hasEventType, hasEvent, eventsToday);
    }
}
