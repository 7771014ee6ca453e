using Hook0.Modules.Kernel.Contracts;
using Hook0.Modules.Organizations.Contracts;
using Hook0.Modules.Organizations.Data;
using Hook0.Modules.Organizations.Quotas;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Organizations.Common;

/// <summary>Builds <see cref="ApplicationInfo"/>: the application with its quotas, consumption and onboarding.</summary>
internal sealed class ApplicationInfoReader(OrganizationsDbContext db, ISender sender, QuotaResolver quotas)
{
    public async Task<ApplicationInfo?> ReadAsync(Guid applicationId, CancellationToken cancellationToken)
    {
        var application = await db.Applications.AsNoTracking()
            .FirstOrDefaultAsync(a => a.Id == applicationId && a.DeletedAt == null, cancellationToken);
        if (application is null)
        {
            return null;
        }

        var usage = await sender.Send(new GetApplicationsUsageQuery([applicationId]), cancellationToken);
        var hasSubscription = await sender.Send(new GetSubscriptionUsageQuery([applicationId]), cancellationToken);
        var limits = (await quotas.ForApplicationAsync(applicationId, cancellationToken))!;
        return new ApplicationInfo(
            application.Id,
            application.OrganizationId,
            application.Name,
            new ApplicationQuotas(limits.EventsPerDay, limits.DaysOfEventsRetention),
            new ApplicationConsumption(usage.EventsToday),
            new ApplicationOnboarding(
                OrganizationInfoReader.Step(usage.HasEventType),
                OrganizationInfoReader.Step(hasSubscription),
                OrganizationInfoReader.Step(usage.HasEvent)),
            application.PayloadSearch);
    }
}
