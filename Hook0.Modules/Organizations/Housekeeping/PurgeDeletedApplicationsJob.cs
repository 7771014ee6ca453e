using Hook0.Modules.Kernel.Housekeeping;
using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Organizations.Contracts;
using Hook0.Modules.Organizations.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hook0.Modules.Organizations.Housekeeping;

/// <summary>
/// Removes applications soft-deleted for longer than the grace period, with everything every module
/// kept for them, a hundred at a time, each batch in one transaction.
/// </summary>
internal sealed class PurgeDeletedApplicationsJob(OrganizationsDbContext db, SharedTransaction transaction, IPublisher publisher,
    IOptions<HousekeepingOptions> options, TimeProvider time) : IHousekeepingJob
{
    public string Name => "soft-deleted applications";

    public TimeSpan Period => TimeSpan.FromSeconds(options.Value.SoftDeletedApplicationsCleanupPeriodSeconds);

    public bool ReportOnly => !options.Value.SoftDeletedApplicationsCleanup;

    public async Task<long> RunAsync(bool reportOnly, CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow().UtcDateTime.AddDays(-options.Value.SoftDeletedApplicationsGraceDays);
        var expired = db.Applications.Where(a => a.DeletedAt != null && a.DeletedAt < cutoff);
        if (reportOnly)
        {
            return await expired.CountAsync(cancellationToken);
        }

        var ids = await expired.OrderBy(a => a.DeletedAt).Select(a => a.Id).Take(100).ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return 0;
        }

        await transaction.BeginAsync(cancellationToken);
        await transaction.EnlistAsync(db, cancellationToken);
        await publisher.Publish(new ApplicationsPurgedNotification(ids), cancellationToken);
        var removed = await db.Applications.Where(a => ids.Contains(a.Id)).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return removed;
    }
}
