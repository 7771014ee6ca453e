using Hook0.Modules.Ingestion.Contracts;
using Hook0.Modules.Ingestion.Data;
using Hook0.Modules.Organizations.Contracts;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Ingestion.CountEventsPerDay;

internal sealed class EventsPerDayHandler(IngestionDbContext db, ISender sender, TimeProvider time)
    : IQueryHandler<EventsPerDayQuery, IReadOnlyList<EventsPerDayEntry>>
{
    public async ValueTask<IReadOnlyList<EventsPerDayEntry>> Handle(EventsPerDayQuery query, CancellationToken cancellationToken)
    {
        var names = (await sender.Send(new GetApplicationNamesQuery(query.OrganizationId, query.ApplicationId), cancellationToken))
            .ToDictionary(a => a.ApplicationId, a => a.Name);
        var ids = names.Keys.ToList();
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var rows = await db.EventsPerDay.AsNoTracking()
            .Where(d => ids.Contains(d.ApplicationId) && d.Day >= query.From && d.Day <= query.To)
            .OrderBy(d => d.Day).ThenBy(d => d.ApplicationId)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new EventsPerDayEntry(r.ApplicationId, names[r.ApplicationId], r.Day, r.Amount, r.Day >= today))];
    }
}
