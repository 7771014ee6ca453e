using Hook0.Modules.Kernel.Housekeeping;
using Microsoft.Extensions.Options;

namespace Hook0.Modules.Kernel.Partitions;

/// <summary>Housekeeping's share of the partitions: keep creating days ahead as days pass (dropping is retention's).</summary>
internal sealed class KeepPartitionsJob(PartitionUpkeep upkeep, IOptions<HousekeepingOptions> options) : IHousekeepingJob
{
    public string Name => "day partitions";

    public TimeSpan Period => options.Value.Period;

    // Creating partitions deletes nothing: it runs in report-only mode too.
    public bool ReportOnly => false;

    public async Task<long> RunAsync(bool reportOnly, CancellationToken cancellationToken) => await upkeep.RunAsync(cancellationToken);
}
