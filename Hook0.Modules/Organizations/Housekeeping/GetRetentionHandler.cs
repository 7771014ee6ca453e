using Hook0.Modules.Organizations.Contracts;
using Hook0.Modules.Organizations.Data;
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

        return await db.Applications.AsNoTracking()
            .Select(a => new ApplicationRetention(a.Id, a.DaysOfEventsRetentionLimit ?? q.DaysOfEventsRetention))
            .ToListAsync(cancellationToken);
    }
}
