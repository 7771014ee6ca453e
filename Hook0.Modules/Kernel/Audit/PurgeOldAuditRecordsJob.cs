using Hook0.Modules.Kernel.Housekeeping;
using Hook0.Modules.Kernel.Partitions;
using Microsoft.Extensions.Options;

namespace Hook0.Modules.Kernel.Audit;

/// <summary>
/// The audit log's retention: whole days older than <see cref="AuditOptions.RetentionDays"/> are dropped as partitions,
/// the only way rows leave the table (its trigger refuses DELETE). Organizations play no part: an organization's
/// records outlive its deletion until they are this old. Runs whatever the event clean-up's report-only switch says:
/// the retention setting is the decision.
/// </summary>
internal sealed class PurgeOldAuditRecordsJob(PartitionKeeper partitions, IOptions<AuditOptions> audit, IOptions<HousekeepingOptions> housekeeping, TimeProvider time)
    : IHousekeepingJob
{
    public string Name => "old audit records";

    public TimeSpan Period => housekeeping.Value.Period;

    public bool ReportOnly => false;

    public async Task<long> RunAsync(bool reportOnly, CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow().UtcDateTime.Date.AddDays(-audit.Value.RetentionDays);
        var (_, rows) = await partitions.DropOlderThanAsync(AuditLogPartitions.Records, cutoff, reportOnly, beforeDrop: null, cancellationToken);
        return rows;
    }
}
