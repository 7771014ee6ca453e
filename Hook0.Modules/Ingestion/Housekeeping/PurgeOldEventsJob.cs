using Hook0.Modules.Ingestion.Data;
using Hook0.Modules.Kernel.Housekeeping;
using Hook0.Modules.Kernel.Partitions;
using Hook0.Modules.Organizations.Contracts;
using Mediator;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Hook0.Modules.Ingestion.Housekeeping;

/// <summary>
/// Purges events older than their application's retention plus the grace period. Whole days past every
/// application's horizon (the global one) go by dropping their partition (no row-by-row delete, no vacuum debt);
/// what is left past a shorter horizon, or in the DEFAULT partition, goes by bounded batches. Each event's id leaves
/// <c>event.event_key</c> with it.
/// </summary>
internal sealed class PurgeOldEventsJob(NpgsqlDataSource db, ISender sender, PartitionKeeper partitions, IOptions<HousekeepingOptions> options, TimeProvider time)
    : IHousekeepingJob
{
    private const string Selection = """
        FROM event.event e JOIN unnest(@apps, @cutoffs) AS r(app, cutoff) ON e.application_id = r.app
        WHERE e.received_at < r.cutoff
        """;

    private static readonly TimeSpan KeySlice = TimeSpan.FromMinutes(15);

    public string Name => "old events";

    public TimeSpan Period => options.Value.Period;

    public bool ReportOnly => !options.Value.OldEventsCleanupDelete;

    public async Task<long> RunAsync(bool reportOnly, CancellationToken cancellationToken)
    {
        var cutoffs = await sender.GetRetentionCutoffsAsync(options.Value.OldEventsCleanupGraceDays, time.GetUtcNow().UtcDateTime, cancellationToken);
        return await DayRetention.RunAsync(partitions, db, EventPartitions.Events, cutoffs, DeleteKeysAsync, $"""
            WITH doomed AS (SELECT e.application_id, e.received_at, e.event_id {Selection} LIMIT @batch),
                 gone AS (DELETE FROM event.event x USING doomed d
                          WHERE x.application_id = d.application_id AND x.received_at = d.received_at AND x.event_id = d.event_id
                          RETURNING x.event_id),
                 keys AS (DELETE FROM event.event_key WHERE event_id IN (SELECT event_id FROM gone))
            SELECT count(*) FROM gone
            """, $"SELECT count(*) {Selection}", reportOnly, cancellationToken);
    }

    /// <summary>
    /// The ids of a day about to be dropped (exactly the keys of its range: DEFAULT holds none of that day), a quarter
    /// of an hour per transaction. Time slices found through the BRIN index, not id batches: no sub-select per batch,
    /// and at a million events a day each slice is about 10,000 narrow rows (ADR 0016 gives the measured cost).
    /// </summary>
    private async Task DeleteKeysAsync(DayPartition day, CancellationToken cancellationToken)
    {
        for (var from = day.From; from < day.To; from += KeySlice)
        {
            await using var command = db.CreateCommand("DELETE FROM event.event_key WHERE received_at >= @from AND received_at < @to");
            command.Parameters.AddWithValue("from", from);
            command.Parameters.AddWithValue("to", from + KeySlice);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
