using System.Diagnostics;
using Npgsql;

namespace Hook0.Dashboard.Bench;

/// <summary>
/// Writes <c>count</c> events and one attempt each straight into the second design's tables (ADR 0016), spread over
/// the last 30 days: 90 % delivered, 7 % failed then delivered by a retry, 2 % dead letters (history rows of
/// <c>webhook.attempt</c>, the response inside the row), 1 % still waiting (rows of <c>webhook.delivery_queue</c>, due
/// in an hour). Raw SQL with generate_series because going through the API would take an hour here; the rows have the
/// shape the server writes (ids by <c>uuid_v7_at</c> of their creation, each event's <c>event.event_key</c>), and the
/// days they span get their own partitions first, named as the partition keeper names them, so the dashboard reads
/// day partitions as in production rather than one DEFAULT partition holding a month.
/// </summary>
internal static class Seeder
{
    private static readonly string[] PartitionedTables = ["event.event", "webhook.attempt"];

    public static async Task SeedAsync(string connectionString, Guid applicationId, IReadOnlyList<string> eventTypes, IReadOnlyList<Guid> subscriptions, int count)
    {
        await using var db = NpgsqlDataSource.Create(connectionString);
        var watch = Stopwatch.StartNew();
        await using (var partitions = db.CreateCommand(PartitionsSql))
        {
            await partitions.ExecuteNonQueryAsync();
        }

        const int chunk = 100_000;
        for (var start = 0; start < count; start += chunk)
        {
            var end = Math.Min(count, start + chunk) - 1;
            await using var connection = await db.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await using (var command = new NpgsqlCommand(Sql, connection, transaction))
            {
                command.CommandTimeout = 600;
                command.Parameters.AddWithValue("app", applicationId);
                command.Parameters.AddWithValue("types", eventTypes.ToArray());
                command.Parameters.AddWithValue("subs", subscriptions.ToArray());
                command.Parameters.AddWithValue("first", start);
                command.Parameters.AddWithValue("last", end);
                command.Parameters.AddWithValue("total", count);
                await command.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
            Console.Error.WriteLine($"  seeded {end + 1:N0} / {count:N0} ({watch.Elapsed.TotalSeconds:F0} s)");
        }

        // What the pages will read, and proof that nothing fell into a DEFAULT partition (a month in one table there would
        // not be what production reads).
        await using (var census = db.CreateCommand(CensusSql))
        await using (var reader = await census.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            Console.Error.WriteLine($"  events {reader.GetInt64(0):N0}, history rows {reader.GetInt64(1):N0} (dead letters {reader.GetInt64(2):N0}), "
                + $"queued {reader.GetInt64(3):N0}, day partitions {reader.GetInt64(4):N0}, rows in DEFAULT partitions {reader.GetInt64(5):N0}");
        }

        foreach (var table in new[] { "event.event", "event.event_key", "webhook.attempt", "webhook.delivery_queue" })
        {
            // One statement each: VACUUM refuses to run in a multi-statement batch (a partitioned table's takes its partitions).
            await using var analyze = db.CreateCommand($"VACUUM ANALYZE {table}");
            analyze.CommandTimeout = 1200;
            await analyze.ExecuteNonQueryAsync();
        }
    }

    // The 31 UTC days the seed spans (now - 30 days … today), for each day-partitioned table: {table}_pYYYYMMDD, as
    // PartitionKeeper names them (it lists, adopts and drops them by that name). Days the server created ahead at
    // start-up already exist; the DEFAULT partitions are empty (nothing was ingested before the seed).
    private static readonly string PartitionsSql = $$"""
        DO $$
        DECLARE d date; t text;
        BEGIN
          FOREACH t IN ARRAY ARRAY['{{string.Join("','", PartitionedTables)}}'] LOOP
            FOR d IN SELECT generate_series((now() AT TIME ZONE 'UTC')::date - 30, (now() AT TIME ZONE 'UTC')::date, interval '1 day')::date LOOP
              EXECUTE format('CREATE TABLE IF NOT EXISTS %s PARTITION OF %s FOR VALUES FROM (%L) TO (%L)',
                             t || '_p' || to_char(d, 'YYYYMMDD'), t, d::text || ' 00:00:00+00', (d + 1)::text || ' 00:00:00+00');
            END LOOP;
          END LOOP;
        END $$;
        """;

    private const string CensusSql = """
        SELECT (SELECT count(*) FROM event.event), (SELECT count(*) FROM webhook.attempt),
               (SELECT count(*) FROM webhook.attempt WHERE outcome = 'given_up'), (SELECT count(*) FROM webhook.delivery_queue),
               (SELECT count(*) FROM pg_inherits WHERE inhparent IN ('event.event'::regclass, 'webhook.attempt'::regclass)),
               (SELECT count(*) FROM event.event_default) + (SELECT count(*) FROM webhook.attempt_default)
        """;

    private const string Sql = """
        CREATE TEMP TABLE seed ON COMMIT DROP AS
        SELECT i, event_id, event_type, subscription_id, at, fate,
               webhook.uuid_v7_at(at) AS attempt_id, webhook.uuid_v7_at(at + interval '40 ms') AS retry_id
        FROM (SELECT i,
                     gen_random_uuid() AS event_id,
                     (@types)[1 + i % cardinality(@types)] AS event_type,
                     (@subs)[1 + i % cardinality(@subs)] AS subscription_id,
                     now() - make_interval(secs => (@total - i) * 2592000.0 / @total) AS at,
                     CASE WHEN i % 100 < 90 THEN 'ok' WHEN i % 100 < 97 THEN 'retry' WHEN i % 100 < 99 THEN 'dead' ELSE 'waiting' END AS fate
              FROM generate_series(@first, @last) AS i) x;

        INSERT INTO event.event (event_id, application_id, event_type_name, payload, payload_content_type, occurred_at, received_at, dispatched_at, labels)
        SELECT event_id, @app, event_type, convert_to('{"order_id":' || i || ',"amount":' || (i % 997) || ',"currency":"EUR"}', 'UTF8'),
               'application/json', at, at, at,
               jsonb_build_object('env', CASE WHEN i % 2 = 0 THEN 'prod' ELSE 'test' END, 'tenant', 't' || (i % 50))
        FROM seed;

        INSERT INTO event.event_key (event_id, application_id, received_at)
        SELECT event_id, @app, at FROM seed;

        -- Each finished first try, its response in the row (response_id = its own id, as the server records it).
        INSERT INTO webhook.attempt (application_id, created_at, request_attempt_id, subscription_id, event_id, event_received_at, event_type_name,
                                     attempt_number, outcome, reason, delay_until, picked_at, completed_at, worker_name, worker_version,
                                     request_headers, response_id, http_code, response_error_name, response_headers, response_body,
                                     response_body_truncated, elapsed_ms)
        SELECT @app, date_trunc('milliseconds', at), attempt_id, subscription_id, event_id, at, event_type,
               CASE WHEN fate = 'dead' THEN 7 ELSE 0 END,
               CASE fate WHEN 'ok' THEN 'succeeded' WHEN 'retry' THEN 'retried' ELSE 'given_up' END,
               CASE WHEN fate = 'dead' THEN 'exhausted' END,
               NULL, at + interval '5 ms', at + CASE WHEN fate = 'ok' THEN interval '30 ms' ELSE interval '40 ms' END, 'bench', 'bench',
               jsonb_build_object('content-type', 'application/json', 'x-event-id', event_id, 'x-event-type', event_type, 'x-hook0-signature', '***'),
               attempt_id,
               CASE fate WHEN 'ok' THEN 200 WHEN 'dead' THEN NULL ELSE 500 END,
               CASE fate WHEN 'ok' THEN NULL WHEN 'dead' THEN 'E_TIMEOUT' ELSE 'E_HTTP' END,
               '{"content-type":"application/json"}'::jsonb,
               convert_to(CASE fate WHEN 'ok' THEN '{"received":true}' ELSE '{"error":"upstream unavailable"}' END, 'UTF8'),
               false, 5 + i % 300
        FROM seed WHERE fate <> 'waiting';

        -- A failed try that was retried has its retry: queued when the try failed, due and delivered a minute later.
        INSERT INTO webhook.attempt (application_id, created_at, request_attempt_id, subscription_id, event_id, event_received_at, event_type_name,
                                     attempt_number, outcome, reason, delay_until, picked_at, completed_at, worker_name, worker_version,
                                     request_headers, response_id, http_code, response_error_name, response_headers, response_body,
                                     response_body_truncated, elapsed_ms)
        SELECT @app, date_trunc('milliseconds', at + interval '40 ms'), retry_id, subscription_id, event_id, at, event_type,
               1, 'succeeded', NULL, at + interval '1 minute', at + interval '1 minute', at + interval '1 minute 20 ms', 'bench', 'bench',
               jsonb_build_object('content-type', 'application/json', 'x-event-id', event_id, 'x-event-type', event_type, 'x-hook0-signature', '***'),
               retry_id, 200, NULL, '{"content-type":"application/json"}'::jsonb, convert_to('{"received":true}', 'UTF8'), false, 20
        FROM seed WHERE fate = 'retry';

        -- Still waiting: a first try due in an hour, in the queue (unclaimed).
        INSERT INTO webhook.delivery_queue (application_id, request_attempt_id, subscription_id, event_id, event_received_at, event_type_name,
                                            created_at, due_at, attempt_number, metered)
        SELECT @app, attempt_id, subscription_id, event_id, at, event_type, date_trunc('milliseconds', at), now() + interval '1 hour', 0, false
        FROM seed WHERE fate = 'waiting';
        """;
}
