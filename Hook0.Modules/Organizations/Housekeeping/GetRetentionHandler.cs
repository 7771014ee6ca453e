using Hook0.Modules.Organizations.Data;
using Hook0.Modules.Organizations.Quotas;
using Hook0.Modules.Organizations.Settings;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hook0.Modules.Organizations.Housekeeping;

internal sealed class GetRetentionHandler(OrganizationsDbContext db, IOptions<QuotaOptions> quotas) : IQueryHandler<GetRetentionQuery, IReadOnlyList<ApplicationRetention>>
{
    public async ValueTask<IReadOnlyList<ApplicationRetention>> Handle(GetRetentionQuery query, CancellationToken cancellationToken)
    {
        var q = quotas.Value;
        if (!q.Enabled)
        {
            return [];
        }

        var applications = await (
                from a in db.Applications.AsNoTracking()
                join o in db.Organizations.AsNoTracking() on a.OrganizationId equals o.Id
                select new { Application = a, o.Plan })
            .ToListAsync(cancellationToken);
        return [.. applications.Select(x => new ApplicationRetention(x.Application.Id, EffectiveLimits.Of(q, x.Plan, x.Application).DaysOfEventsRetention))];
    }
}
