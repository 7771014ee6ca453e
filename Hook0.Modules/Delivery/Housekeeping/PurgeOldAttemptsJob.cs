using Hook0.Modules.Kernel.Housekeeping;
using Hook0.Modules.Kernel.Partitions;
using Hook0.Modules.Organizations.Contracts;
using Mediator;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Hook0.Modules.Delivery.Housekeeping;

/// <summary>
/// Purges the attempt history (each row holds its response) older than its application's retention plus the grace
/// period. Whole days past every application's horizon (the global one) go by dropping their partition; what is
/// left past a shorter horizon, or in the DEFAULT partition, goes by bounded batches. A dead letter's retry mark
/// goes with its attempt. Pending work (<c>webhook.delivery_queue</c>) is never purged: the claim cancels an attempt
/// whose event is gone.
/// </summary>
internal sealed class PurgeOldAttemptsJob(NpgsqlDataSource db, ISender sender, PartitionKeeper partitions, IOptions<HousekeepingOptions> options, TimeProvider time)
    : IHousekeepingJob
{
    private const string Selection = """
        FROM webhook.attempt a JOIN unnest(@apps, @cutoffs) AS r(app, cutoff) ON a.application_id = r.app
        WHERE a.created_at < r.cutoff
        """;

    public string Name => "old attempts";

    public TimeSpan Period => options.Value.Period;

    public bool ReportOnly => !options.Value.OldEventsCleanupDelete;

    public async Task<long> RunAsync(bool reportOnly, CancellationToken cancellationToken)
    {
        var cutoffs = await sender.GetRetentionCutoffsAsync(options.Value.OldEventsCleanupGraceDays, time.GetUtcNow().UtcDateTime, cancellationToken);
        return await DayRetention.RunAsync(partitions, db, AttemptPartitions.History, cutoffs, DeleteRetryMarksAsync, $"""
            WITH doomed AS (SELECT a.application_id, a.created_at, a.request_attempt_id {Selection} LIMIT @batch),
                 gone AS (DELETE FROM webhook.attempt x USING doomed d
                          WHERE x.application_id = d.application_id AND x.created_at = d.created_at AND x.request_attempt_id = d.request_attempt_id
                          RETURNING x.application_id, x.request_attempt_id),
                 marks AS (DELETE FROM webhook.dead_letter_retry m USING gone g
                           WHERE m.application_id = g.application_id AND m.request_attempt_id = g.request_attempt_id)
            SELECT count(*) FROM gone
            """, $"SELECT count(*) {Selection}", reportOnly, cancellationToken);
    }

    /// <summary>
    /// The retry marks of a day's dead letters, before the day is dropped. Marks are few (one per hand retry): each is
    /// looked up in the day by its key, the id's own time bounding created_at (ids are UUIDv7 of their creation).
    /// </summary>
    private async Task DeleteRetryMarksAsync(DayPartition day, CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand($"""
            DELETE FROM webhook.dead_letter_retry m USING webhook.{day.Name} a
            WHERE webhook.uuid_v7_time(m.request_attempt_id) < @to + interval '1 minute'
              AND a.application_id = m.application_id AND a.request_attempt_id = m.request_attempt_id
              AND a.created_at BETWEEN webhook.uuid_v7_time(m.request_attempt_id) - interval '1 minute'
                                   AND webhook.uuid_v7_time(m.request_attempt_id) + interval '1 minute'
            """);
        command.Parameters.AddWithValue("to", day.To);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
