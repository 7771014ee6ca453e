using Hook0.Modules.Kernel.Partitions;

namespace Hook0.Modules.Ingestion.Data;

/// <summary>The event table is partitioned by day of reception (ADR 0016); its ids stay unique through <c>event.event_key</c>.</summary>
internal static class EventPartitions
{
    public static readonly DayPartitionedTable Events = new(IngestionDbContext.Schema, "event", "received_at");
}
