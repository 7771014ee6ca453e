using Hook0.Modules.Kernel.Contracts;
using Hook0.Modules.Organizations.Contracts;
using Hook0.Modules.Organizations.Data;
using Hook0.Modules.Organizations.Quotas;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Organizations.Common;

/// <summary>Builds the full <see cref="OrganizationInfo"/> (get, create and rename all answer with it).</summary>
internal sealed class OrganizationInfoReader(OrganizationsDbContext db, ISender sender, QuotaResolver quotas)
{
    public async Task<OrganizationInfo?> ReadAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        var organization = await db.Organizations.AsNoTracking().Include(o => o.Plan).FirstOrDefaultAsync(o => o.Id == organizationId, cancellationToken);
        if (organization is null)
        {
            return null;
        }

        var users = await (
                from m in db.Memberships.AsNoTracking()
                join u in db.Users.AsNoTracking() on m.UserId equals u.Id
                where m.OrganizationId == organizationId
                orderby u.Email
                select new OrganizationUser(u.Id, u.Email, u.FirstName, u.LastName, m.Role))
            .ToListAsync(cancellationToken);
        var applicationIds = await db.Applications.AsNoTracking()
            .Where(a => a.OrganizationId == organizationId && a.DeletedAt == null && !a.IsSystem)
            .Select(a => a.Id)
            .ToListAsync(cancellationToken);

        var usage = await sender.Send(new GetApplicationsUsageQuery(applicationIds), cancellationToken);
        var hasSubscription = await sender.Send(new GetSubscriptionUsageQuery(applicationIds), cancellationToken);
        var limits = await quotas.ForOrganizationAsync(organizationId, cancellationToken);
        return new OrganizationInfo(
            organization.Id,
            organization.Name,
            organization.Plan is { } plan ? new OrganizationPlan(plan.Name, plan.Label) : null,
            users,
            new OrganizationQuotas(limits.MembersPerOrganization, limits.ApplicationsPerOrganization,
                limits.EventsPerDay, limits.DaysOfEventsRetention),
            new OrganizationConsumption(users.Count, applicationIds.Count, usage.EventsToday),
            new OrganizationOnboarding(Step(applicationIds.Count > 0), Step(usage.HasEventType), Step(hasSubscription), Step(usage.HasEvent)));
    }

    public static string Step(bool done) => done ? "Done" : "ToDo";
}
