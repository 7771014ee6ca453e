using Hook0.Modules.Kernel.Data;
using Hook0.Modules.Kernel.Partitions;

namespace Hook0.Modules.Kernel.Audit;

/// <summary>The audit log is partitioned by day of recording, like the attempt history: retention drops whole days.</summary>
internal static class AuditLogPartitions
{
    public static readonly DayPartitionedTable Records = new(InfrastructureDbContext.Schema, "audit_record", "recorded_at");
}
