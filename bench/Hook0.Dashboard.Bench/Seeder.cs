using System.Diagnostics;
using Npgsql;

namespace Hook0.Dashboard.Bench;

/// <summary>
/// Writes <c>count</c> events and one attempt each (with responses for finished ones) straight into the
/// tables, spread over the last 30 days: 90 % delivered, 7 % failed then delivered by a retry, 2 % dead letters, 1 % still
/// waiting. Raw SQL with generate_series because going through the API would take an hour here; the
/// rows have the shape the server writes (the dashboard reads them through its ordinary queries).
/// </summary>
internal static class Seeder
{
    public static async Task SeedAsync(string connectionString, Guid applicationId, IReadOnlyList<string> eventTypes, IReadOnlyList<Guid> subscriptions, int count)
    {
        await using var db = NpgsqlDataSource.Create(connectionString);
        var watch = Stopwatch.StartNew();
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

        foreach (var table in new[] { "event.event", "webhook.request_attempt", "webhook.response" })
        {
            // One statement each: VACUUM refuses to run in a multi-statement batch.
            await using var analyze = db.CreateCommand($"VACUUM ANALYZE {table}");
            analyze.CommandTimeout = 1200;
            await analyze.ExecuteNonQueryAsync();
        }
    }

    private const string Sql = """
        CREATE TEMP TABLE seed ON COMMIT DROP AS
        SELECT i,
               gen_random_uuid() AS event_id,
               gen_random_uuid() AS attempt_id,
               gen_random_uuid() AS response_id,
               (@types)[1 + i % cardinality(@types)] AS event_type,
               (@subs)[1 + i % cardinality(@subs)] AS subscription_id,
               now() - make_interval(secs => (@total - i) * 2592000.0 / @total) AS at,
               CASE WHEN i % 100 < 90 THEN 'ok' WHEN i % 100 < 97 THEN 'retry' WHEN i % 100 < 99 THEN 'dead' ELSE 'waiting' END AS fate
        FROM generate_series(@first, @last) AS i;

        INSERT INTO event.event (event_id, application_id, event_type_name, payload, payload_content_type, occurred_at, received_at, dispatched_at, labels)
        SELECT event_id, @app, event_type, convert_to('{"order_id":' || i || ',"amount":' || (i % 997) || ',"currency":"EUR"}', 'UTF8'),
               'application/json', at, at, at,
               jsonb_build_object('env', CASE WHEN i % 2 = 0 THEN 'prod' ELSE 'test' END, 'tenant', 't' || (i % 50))
        FROM seed;

        INSERT INTO webhook.response (response_id, response_error_name, http_code, headers, body, body_truncated, elapsed_time_ms)
        SELECT response_id,
               CASE fate WHEN 'ok' THEN NULL WHEN 'dead' THEN 'E_TIMEOUT' ELSE 'E_HTTP' END,
               CASE fate WHEN 'ok' THEN 200 WHEN 'dead' THEN NULL ELSE 500 END,
               '{"content-type":"application/json"}'::jsonb,
               convert_to(CASE fate WHEN 'ok' THEN '{"received":true}' ELSE '{"error":"upstream unavailable"}' END, 'UTF8'),
               false, 5 + i % 300
        FROM seed WHERE fate <> 'waiting';

        INSERT INTO webhook.request_attempt (request_attempt_id, event_id, subscription_id, application_id, event_type_name, created_at,
                                             picked_at, failed_at, succeeded_at, delay_until, response_id, retry_count, give_up_reason)
        SELECT attempt_id, event_id, subscription_id, @app, event_type, at,
               CASE WHEN fate = 'waiting' THEN NULL ELSE at + interval '5 ms' END,
               CASE WHEN fate IN ('retry', 'dead') THEN at + interval '40 ms' END,
               CASE WHEN fate = 'ok' THEN at + interval '30 ms' END,
               CASE WHEN fate = 'waiting' THEN now() + interval '1 hour' END,
               CASE WHEN fate = 'waiting' THEN NULL ELSE response_id END,
               CASE WHEN fate = 'dead' THEN 7 ELSE 0 END,
               CASE WHEN fate = 'dead' THEN 'exhausted' END
        FROM seed;

        -- A failed try that was retried has its retry: delivered a minute later.
        INSERT INTO webhook.request_attempt (request_attempt_id, event_id, subscription_id, application_id, event_type_name, created_at,
                                             picked_at, succeeded_at, delay_until, retry_count)
        SELECT gen_random_uuid(), event_id, subscription_id, @app, event_type, at + interval '40 ms',
               at + interval '1 minute', at + interval '1 minute 20 ms', at + interval '1 minute', 1
        FROM seed WHERE fate = 'retry';
        """;
}
