using Hook0.Modules.Kernel.Partitions;
using Npgsql;

namespace Hook0.Modules.Kernel.Housekeeping;

/// <summary>
/// Retention of a day-partitioned table (ADR 0016): whole days past every application's horizon (the global cutoff)
/// are dropped as partitions, then what is past a shorter per-application horizon, or waits in the DEFAULT partition,
/// is deleted in bounded batches. A report-only run drops nothing: its count (the batched selection) covers the
/// droppable days too.
/// </summary>
public static class DayRetention
{
    /// <param name="partitions">The keeper that drops days.</param>
    /// <param name="db">The database.</param>
    /// <param name="table">The day-partitioned table.</param>
    /// <param name="cutoffs">Each application's cutoff, and the global one.</param>
    /// <param name="beforeDrop">Removes what refers to a day's rows elsewhere, before the day goes.</param>
    /// <param name="deleteBatchSql">Deletes one batch of rows past their application's cutoff (see <see cref="BatchedDelete"/>).</param>
    /// <param name="countSql">The same selection, counted.</param>
    /// <param name="reportOnly">Count, remove nothing.</param>
    /// <param name="cancellationToken">Stops between days and batches.</param>
    /// <returns>The rows removed (or, report-only, that would be).</returns>
    public static async Task<long> RunAsync(PartitionKeeper partitions, NpgsqlDataSource db, DayPartitionedTable table, RetentionCutoffs cutoffs,
        Func<DayPartition, CancellationToken, Task> beforeDrop, string deleteBatchSql, string countSql, bool reportOnly, CancellationToken cancellationToken)
    {
        if (cutoffs.Global is not { } global)
        {
            return 0;
        }

        long dropped = 0;
        if (!reportOnly)
        {
            (_, dropped) = await partitions.DropOlderThanAsync(table, global, reportOnly: false, beforeDrop, cancellationToken);
        }

        return dropped + await BatchedDelete.RunAsync(db, deleteBatchSql, countSql, reportOnly, cutoffs.AddTo, cancellationToken);
    }
}
