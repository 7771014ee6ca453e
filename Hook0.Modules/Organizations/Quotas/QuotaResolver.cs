using Hook0.Modules.Organizations.Data;
using Hook0.Modules.Organizations.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hook0.Modules.Organizations.Quotas;

/// <summary>Reads the limits that apply to an organization or an application.</summary>
internal sealed class QuotaResolver(OrganizationsDbContext db, IOptions<QuotaOptions> options)
{
    public async Task<EffectiveLimits> ForOrganizationAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        var plan = await db.Organizations.AsNoTracking().Where(o => o.Id == organizationId).Select(o => o.Plan).FirstOrDefaultAsync(cancellationToken);
        return EffectiveLimits.Of(options.Value, plan);
    }

    /// <returns>Null for an unknown or deleted application.</returns>
    public async Task<EffectiveLimits?> ForApplicationAsync(Guid applicationId, CancellationToken cancellationToken)
    {
        var found = await (
                from a in db.Applications.AsNoTracking()
                join o in db.Organizations.AsNoTracking() on a.OrganizationId equals o.Id
                where a.Id == applicationId && a.DeletedAt == null
                select new { Application = a, o.Plan })
            .FirstOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        var limits = EffectiveLimits.Of(options.Value, found.Plan, found.Application);
        // The system application's event types, events and subscriptions are Hook0's doing: no quota counts them.
        return found.Application.IsSystem ? limits with { Enforced = false } : limits;
    }
}
