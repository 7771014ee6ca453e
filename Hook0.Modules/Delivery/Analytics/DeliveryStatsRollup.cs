using Hook0.Modules.Kernel.Live;
using Hook0.Modules.Kernel.Periodic;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Hook0.Modules.Delivery.Analytics;

/// <summary>
/// Adds finished tries into <c>webhook.delivery_stat_minute</c> and <c>webhook.delivery_stat_hour</c>,
/// reading the attempt history (<c>webhook.attempt</c>, ADR 0016) after a watermark (never touching the delivery path). Each batch is one
/// transaction that locks the watermark row, upserts the sums into both tables and moves the watermark,
/// so an hour row always equals the sum of its minute rows; a crash loses nothing and counts nothing
/// twice, and a second runner (another instance, or a second call here) skips the row lock and leaves
/// the work to the holder — one runner at a time without an election (ADR 0013).
/// </summary>
internal sealed class DeliveryStatsRollup(NpgsqlDataSource db, IOptions<AnalyticsOptions> options, TimeProvider time,
    ILiveUpdates live, ILogger<DeliveryStatsRollup> logger) : PeriodicJob<long>(db, time, logger)
{
    private const string LockWatermarkSql = """
        SELECT completed_at, request_attempt_id FROM webhook.delivery_stat_watermark WHERE id = 1 FOR UPDATE SKIP LOCKED
        """;

    // Stay behind both the lag and the oldest transaction still writing (its now() stamps are older
    // than its commit); one open for over ten minutes is taken as stuck and no longer waited for.
    private const string HorizonSql = """
        SELECT least(now() - make_interval(secs => @lag_seconds),
                     coalesce((SELECT min(xact_start) FROM pg_stat_activity
                               WHERE backend_xid IS NOT NULL AND pid <> pg_backend_pid() AND xact_start > now() - interval '10 minutes'),
                              'infinity'))
        """;

    // The history is insert-only, so rows arrive roughly in completion order and the BRIN index on completed_at
    // narrows each day partition to the blocks after the watermark (the redundant `completed_at >= @after_at` is
    // what the BRIN scan can use); `created_at <= @horizon` (an attempt is created before it completes) prunes
    // the partitions created ahead. The history's rows are final, so the order needs no tie with the old columns.
    private const string ReadSql = """
        SELECT a.request_attempt_id, a.subscription_id, a.application_id, a.completed_at,
               a.outcome = 'succeeded', a.http_code, a.response_error_name, a.elapsed_ms, a.response_id IS NOT NULL
        FROM webhook.attempt a
        WHERE a.completed_at >= @after_at
          AND (a.completed_at, a.request_attempt_id) > (@after_at, @after_id)
          AND a.completed_at <= @horizon
          AND a.created_at <= @horizon
        ORDER BY a.completed_at, a.request_attempt_id
        LIMIT @batch
        """;

    // The minute and hour rows add the same deltas: one statement for a table and its period column.
    private static string UpsertSql(string table, string period) => $"""
        INSERT INTO webhook.{table} AS s (subscription_id, {period}, application_id, succeeded, failed, http_2xx, http_3xx, http_4xx,
            http_5xx, no_response, error_classes, latency_buckets, latency_count, latency_sum_ms)
        VALUES (@subscription_id, @at, @application_id, @succeeded, @failed, @http_2xx, @http_3xx, @http_4xx, @http_5xx, @no_response,
            @error_classes, @latency_buckets, @latency_count, @latency_sum_ms)
        ON CONFLICT (subscription_id, {period}) DO UPDATE SET
            succeeded = s.succeeded + EXCLUDED.succeeded,
            failed = s.failed + EXCLUDED.failed,
            http_2xx = s.http_2xx + EXCLUDED.http_2xx,
            http_3xx = s.http_3xx + EXCLUDED.http_3xx,
            http_4xx = s.http_4xx + EXCLUDED.http_4xx,
            http_5xx = s.http_5xx + EXCLUDED.http_5xx,
            no_response = s.no_response + EXCLUDED.no_response,
            error_classes = webhook.jsonb_sum_counts(s.error_classes, EXCLUDED.error_classes),
            latency_buckets = webhook.int_array_add(s.latency_buckets, EXCLUDED.latency_buckets),
            latency_count = s.latency_count + EXCLUDED.latency_count,
            latency_sum_ms = s.latency_sum_ms + EXCLUDED.latency_sum_ms
        """;

    private static readonly string UpsertMinuteSql = UpsertSql("delivery_stat_minute", "minute");
    private static readonly string UpsertHourSql = UpsertSql("delivery_stat_hour", "hour");

    // The migration writes the row; this puts it back if it was removed (a database reset), before every try.
    private const string EnsureWatermarkSql = """
        INSERT INTO webhook.delivery_stat_watermark (id, completed_at, request_attempt_id, updated_at)
        VALUES (1, '1970-01-01T00:00:00Z', '00000000-0000-0000-0000-000000000000', now())
        ON CONFLICT (id) DO NOTHING
        """;

    private const string MoveWatermarkSql = """
        UPDATE webhook.delivery_stat_watermark SET completed_at = @at, request_attempt_id = @id, updated_at = now() WHERE id = 1
        """;

    public override string Name => "delivery stats roll-up";

    // No advisory lock: the watermark row's lock (SKIP LOCKED) already makes it one runner at a time.
    protected override TimeSpan Interval => TimeSpan.FromMilliseconds(options.Value.RollupPeriodMs);

    /// <summary>Rolls up everything finished before the horizon, batch by batch; answers how many tries were read (0 when another runner holds the watermark).</summary>
    protected override async Task<long> RunAsync(NpgsqlConnection? lockHolder, CancellationToken cancellationToken)
    {
        long total = 0;
        while (true)
        {
            var (read, full) = await RunBatchAsync(cancellationToken);
            total += read;
            if (!full)
            {
                return total;
            }
        }
    }

    private async Task<(int Read, bool Full)> RunBatchAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        await using var connection = await Db.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await LockWatermarkAsync(connection, transaction, cancellationToken) is not { } watermark)
        {
            return (0, false); // another runner holds the watermark
        }

        var (afterAt, afterId) = watermark;

        DateTime horizon;
        await using (var horizonCommand = new NpgsqlCommand(HorizonSql, connection, transaction))
        {
            horizonCommand.Parameters.Add(new NpgsqlParameter<double>("lag_seconds", o.RollupLagMs / 1000.0));
            horizon = (DateTime)(await horizonCommand.ExecuteScalarAsync(cancellationToken))!;
        }

        var accumulator = new StatAccumulator();
        var read = 0;
        (DateTime At, Guid Id)? last = null;
        await using (var readCommand = new NpgsqlCommand(ReadSql, connection, transaction))
        {
            readCommand.Parameters.Add(new NpgsqlParameter("after_at", NpgsqlDbType.TimestampTz) { Value = afterAt });
            readCommand.Parameters.Add(new NpgsqlParameter<Guid>("after_id", afterId));
            readCommand.Parameters.Add(new NpgsqlParameter("horizon", NpgsqlDbType.TimestampTz) { Value = horizon });
            readCommand.Parameters.Add(new NpgsqlParameter<int>("batch", o.RollupBatch));
            await using var reader = await readCommand.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                read++;
                var completedAt = reader.GetFieldValue<DateTime>(3);
                last = (completedAt, reader.GetGuid(0));
                // A try without a response was never sent (cancelled when its subscription was disabled):
                // it moves the watermark but is no delivery.
                if (reader.GetBoolean(8))
                {
                    accumulator.Add(new FinishedTry(reader.GetGuid(1), reader.GetGuid(2), completedAt, reader.GetBoolean(4),
                        reader.IsDBNull(5) ? null : reader.GetInt16(5), reader.IsDBNull(6) ? null : reader.GetString(6),
                        reader.IsDBNull(7) ? null : reader.GetInt32(7)));
                }
            }
        }

        if (last is not { } end)
        {
            return (0, false);
        }

        if (accumulator.Count > 0)
        {
            await using var batch = new NpgsqlBatch(connection, transaction);
            foreach (var row in accumulator.Rows)
            {
                batch.BatchCommands.Add(Upsert(UpsertMinuteSql, row, row.Minute));
            }

            // The same deltas summed per hour, in the same transaction: both grains move together or not at all.
            foreach (var row in accumulator.HourRows)
            {
                batch.BatchCommands.Add(Upsert(UpsertHourSql, row, row.Hour));
            }

            await batch.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var move = new NpgsqlCommand(MoveWatermarkSql, connection, transaction))
        {
            move.Parameters.Add(new NpgsqlParameter("at", NpgsqlDbType.TimestampTz) { Value = end.At });
            move.Parameters.Add(new NpgsqlParameter<Guid>("id", end.Id));
            await move.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        // Open overviews look again now that the sums moved (the attempts' own notices came before the roll-up counted them).
        foreach (var applicationId in accumulator.Rows.Select(r => r.ApplicationId).Distinct())
        {
            live.Publish(applicationId, LiveTopic.Attempts);
        }

        return (read, read == o.RollupBatch);
    }

    private static async Task<(DateTime At, Guid Id)?> LockWatermarkAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 2; attempt++)
        {
            await using (var lockRow = new NpgsqlCommand(LockWatermarkSql, connection, transaction))
            await using (var reader = await lockRow.ExecuteReaderAsync(cancellationToken))
            {
                if (await reader.ReadAsync(cancellationToken))
                {
                    return (reader.GetFieldValue<DateTime>(0), reader.GetGuid(1));
                }
            }

            // Locked by another runner, or missing: put it back if missing (a no-op when it exists) and look again.
            await using var ensure = new NpgsqlCommand(EnsureWatermarkSql, connection, transaction);
            if (await ensure.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return null;
            }
        }

        return null;
    }

    private static NpgsqlBatchCommand Upsert(string sql, DeliveryStatCounts row, DateTime at)
    {
        var command = new NpgsqlBatchCommand(sql);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<Guid>("subscription_id", row.SubscriptionId));
        p.Add(new NpgsqlParameter("at", NpgsqlDbType.TimestampTz) { Value = at });
        p.Add(new NpgsqlParameter<Guid>("application_id", row.ApplicationId));
        p.Add(new NpgsqlParameter<int>("succeeded", row.Succeeded));
        p.Add(new NpgsqlParameter<int>("failed", row.Failed));
        p.Add(new NpgsqlParameter<int>("http_2xx", row.Http2xx));
        p.Add(new NpgsqlParameter<int>("http_3xx", row.Http3xx));
        p.Add(new NpgsqlParameter<int>("http_4xx", row.Http4xx));
        p.Add(new NpgsqlParameter<int>("http_5xx", row.Http5xx));
        p.Add(new NpgsqlParameter<int>("no_response", row.NoResponse));
        p.Add(new NpgsqlParameter("error_classes", NpgsqlDbType.Jsonb) { Value = row.ErrorClasses });
        p.Add(new NpgsqlParameter<int[]>("latency_buckets", row.LatencyBuckets));
        p.Add(new NpgsqlParameter<int>("latency_count", row.LatencyCount));
        p.Add(new NpgsqlParameter<long>("latency_sum_ms", row.LatencySumMs));
        return command;
    }
}
