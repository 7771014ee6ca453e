using Hook0.Modules.Ingestion.Data;
using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Organizations.Contracts;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Ingestion.CountEventsPerDay;

/// <summary>Events per day of one application, or of every application of an organization (deleted ones included).</summary>
public sealed record EventsPerDayQuery(Caller Caller, Guid? OrganizationId, Guid? ApplicationId, DateOnly From, DateOnly To)
    : IQuery<IReadOnlyList<EventsPerDayEntry>>, IAuthorizedRequest
{
    public Access Access => ApplicationId is { } app
        ? new(Caller, "events_per_day:application", ApplicationId: app)
        : new(Caller, "events_per_day:organization", OrganizationId);
}

/// <summary>Today's figure is provisional: the aggregate is refreshed every minute.</summary>
public sealed record EventsPerDayEntry(Guid ApplicationId, string ApplicationName, DateOnly Date, int Amount, bool IsProvisional);

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
