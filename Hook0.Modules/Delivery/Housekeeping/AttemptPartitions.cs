using Hook0.Modules.Delivery.Data;
using Hook0.Modules.Kernel.Partitions;

namespace Hook0.Modules.Delivery.Housekeeping;

/// <summary>The attempt history is partitioned by day of the attempt's creation (ADR 0016).</summary>
internal static class AttemptPartitions
{
    public static readonly DayPartitionedTable History = new(DeliveryDbContext.Schema, "attempt", "created_at");
}
