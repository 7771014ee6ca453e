using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Hook0.Bench.Ceilings;

/// <summary>
/// Retention of one day of history, both ways (issue #20): the second design drops the day's partition of
/// <c>webhook.attempt</c> (detach, drop); wave one deleted the same rows from <c>request_attempt</c> and <c>response</c>
/// in batches of 1,000 with <c>PurgeOldAttemptsJob</c>'s statement (copied, schema <c>bench_v1</c>), and left the
/// dead tuples to VACUUM, measured after it. Each side: wall time of its statements as this client saw them (the
/// database's time plus one loopback round trip per statement) and WAL bytes written (pg_current_wal_lsn before/after,
/// nothing else running). Both tables are filled with the same rows first, then VACUUM ANALYZE and CHECKPOINT.
/// </summary>
internal static class RetentionBench
{
    private const string Partition = "webhook.attempt_bench_retention";

    // PurgeOldAttemptsJob at f97c511 (BatchedDelete's batch of 1,000), schema renamed.
    private const string WaveOneDelete = """
        WITH doomed AS (SELECT a.request_attempt_id FROM bench_v1.request_attempt a JOIN unnest(@apps, @cutoffs) AS r(app, cutoff) ON a.application_id = r.app
                        WHERE a.created_at < r.cutoff LIMIT @batch),
             gone AS (DELETE FROM bench_v1.request_attempt x USING doomed d WHERE x.request_attempt_id = d.request_attempt_id RETURNING x.response_id),
             responses AS (DELETE FROM bench_v1.response WHERE response_id IN (SELECT response_id FROM gone) RETURNING 1)
        SELECT count(*) FROM gone
        """;

    public static async Task<int> RunAsync(string connectionString, int rows)
    {
        await using var db = NpgsqlDataSource.Create(connectionString);
        await using var conn = await db.OpenConnectionAsync();
        var app = Guid.NewGuid();
        var sub = Guid.NewGuid();
        // A day long past, so no partition the product creates ahead can overlap it.
        var day = new DateTime(DateTime.UtcNow.Year - 2, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        await ExecAsync(conn, $$"""
            CREATE TABLE {{Partition}} PARTITION OF webhook.attempt FOR VALUES FROM ('{{day:O}}') TO ('{{day.AddDays(1):O}}');
            INSERT INTO {{Partition}} (application_id, created_at, request_attempt_id, subscription_id, event_id, event_received_at, event_type_name,
                attempt_number, outcome, picked_at, completed_at, worker_name, worker_version, request_headers, response_id, http_code, response_headers,
                response_body, elapsed_ms)
            SELECT '{{app}}', t, id, '{{sub}}', gen_random_uuid(), t, 'bench.event.sent', 0, 'succeeded', t, t, 'bench', 'bench',
                   jsonb_build_object('content-type', 'application/json', 'x-event-id', gen_random_uuid(), 'x-event-type', 'bench.event.sent', 'x-hook0-signature', '***'),
                   id, 200, '{{NewShapeLoop.ResponseHeadersJson}}'::jsonb, 'ok'::bytea, 3
            FROM (SELECT webhook.uuid_v7_at(t) AS id, t FROM (SELECT '{{day:O}}'::timestamptz + i * interval '80 milliseconds' AS t FROM generate_series(1, {{rows}}) i) x) y;
            INSERT INTO bench_v1.subscription (subscription_id, application_id, is_enabled, metadata, labels, target_method, target_url, target_headers,
                dedicated_workers, created_at, updated_at)
            VALUES ('{{sub}}', '{{app}}', true, '{}', '{}', 'POST', 'http://127.0.0.1/', '{}', '{}', now(), now());
            INSERT INTO bench_v1.response (response_id, http_code, headers, body, body_truncated, elapsed_time_ms)
            SELECT response_id, 200, '{{NewShapeLoop.ResponseHeadersJson}}'::jsonb, 'ok'::bytea, false, 3 FROM {{Partition}};
            INSERT INTO bench_v1.request_attempt (request_attempt_id, event_id, subscription_id, application_id, event_type_name, created_at, picked_at,
                worker_name, worker_version, succeeded_at, response_id, retry_count)
            SELECT request_attempt_id, event_id, subscription_id, application_id, event_type_name, created_at, picked_at, 'bench', 'bench', completed_at,
                   response_id, 0
            FROM {{Partition}};
            """);
        await ExecAsync(conn, "VACUUM ANALYZE");
        await ExecAsync(conn, "CHECKPOINT");

        var (dropMs, dropWal) = await MeasureAsync(conn, async () =>
        {
            await ExecAsync(conn, $"ALTER TABLE webhook.attempt DETACH PARTITION {Partition}");
            await ExecAsync(conn, $"DROP TABLE {Partition}");
        });
        await ExecAsync(conn, "CHECKPOINT");
        long deleted = 0;
        var (deleteMs, deleteWal) = await MeasureAsync(conn, async () =>
        {
            while (true)
            {
                await using var delete = new NpgsqlCommand(WaveOneDelete, conn);
                delete.Parameters.Add(new NpgsqlParameter<Guid[]>("apps", [app]));
                delete.Parameters.Add(new NpgsqlParameter<DateTime[]>("cutoffs", [day.AddDays(1)]));
                delete.Parameters.Add(new NpgsqlParameter<int>("batch", 1000));
                var removed = (long)(await delete.ExecuteScalarAsync())!;
                deleted += removed;
                if (removed < 1000)
                {
                    return;
                }
            }
        });
        var (vacuumMs, vacuumWal) = await MeasureAsync(conn, () => ExecAsync(conn, "VACUUM bench_v1.request_attempt, bench_v1.response"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"rows\":{rows},\"drop_ms\":{dropMs:F0},\"drop_wal\":{dropWal},\"deleted\":{deleted},\"delete_ms\":{deleteMs:F0},\"delete_wal\":{deleteWal},\"vacuum_ms\":{vacuumMs:F0},\"vacuum_wal\":{vacuumWal}}}"));
        return deleted == rows ? 0 : 1;
    }

    private static async Task<(double Ms, long WalBytes)> MeasureAsync(NpgsqlConnection conn, Func<Task> work)
    {
        var before = await LsnAsync(conn);
        var watch = Stopwatch.StartNew();
        await work();
        var ms = watch.Elapsed.TotalMilliseconds;
        await using var diff = new NpgsqlCommand($"SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '{before}')::bigint", conn);
        return (ms, (long)(await diff.ExecuteScalarAsync())!);
    }

    private static async Task<string> LsnAsync(NpgsqlConnection conn)
    {
        await using var lsn = new NpgsqlCommand("SELECT pg_current_wal_lsn()::text", conn);
        return (string)(await lsn.ExecuteScalarAsync())!;
    }

    private static async Task ExecAsync(NpgsqlConnection conn, string sql)
    {
        await using var command = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }
}
