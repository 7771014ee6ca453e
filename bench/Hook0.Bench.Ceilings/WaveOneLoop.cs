using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace Hook0.Bench.Ceilings;

/// <summary>
/// The wave-one baseline of issue #20, frozen: the product's claim (<c>AttemptClaimSql</c>) and group record
/// (<c>AttemptRecordSql.ManySql</c>) statements as they were before the second design, verbatim but for the schema
/// (<c>bench_v1</c>, created by <c>bench/core/wave-one-schema.sql</c> with every index the product had), in the bare
/// loop (claim a batch, post, record the group). It stands for the wave-one server in the same run, without the
/// server's own costs (signing, logging, live updates).
/// </summary>
internal static class WaveOneLoop
{
    // AttemptClaimSql.Sql at f97c511, schemas renamed (webhook, event → bench_v1).
    private const string ClaimSql = """
        WITH due AS (
            SELECT a.request_attempt_id
            FROM bench_v1.request_attempt a
            JOIN bench_v1.subscription s ON s.subscription_id = a.subscription_id
            WHERE a.succeeded_at IS NULL AND a.failed_at IS NULL
              AND (a.delay_until IS NULL OR a.delay_until <= now())
              AND (a.lease_until IS NULL OR a.lease_until < now())
              AND NOT s.is_paused
              AND (NOT @first_tries_only OR a.retry_count = 0)
              AND (s.max_concurrency IS NULL OR s.max_concurrency > (
                    SELECT count(*) FROM bench_v1.request_attempt x
                    WHERE x.subscription_id = s.subscription_id AND x.succeeded_at IS NULL AND x.failed_at IS NULL
                      AND x.lease_until >= now()))
              AND (s.rate_limit_per_second IS NULL OR s.rate_limit_per_second > (
                    SELECT count(*) FROM bench_v1.request_attempt x
                    WHERE x.subscription_id = s.subscription_id AND x.picked_at > now() - interval '1 second'))
            ORDER BY a.created_at
            LIMIT @batch
            FOR UPDATE OF a SKIP LOCKED
        )
        UPDATE bench_v1.request_attempt a
        SET picked_at = now(), lease_until = now() + make_interval(secs => @lease_seconds), worker_name = @worker, worker_version = @version
        FROM due, bench_v1.subscription s, bench_v1.delivery_payload p
        WHERE a.request_attempt_id = due.request_attempt_id AND s.subscription_id = a.subscription_id AND p.event_id = a.event_id
        RETURNING a.request_attempt_id, a.event_id, a.subscription_id, a.application_id, a.retry_count, a.event_type_name,
                  s.is_enabled AND s.deleted_at IS NULL, s.target_method, s.target_url, s.target_headers::text, s.secret::text,
                  s.signature_schemes,
                  (SELECT json_agg(json_build_object('k', k.kind, 'p', k.protected_value) ORDER BY k.created_at DESC)::text
                   FROM bench_v1.subscription_secret k
                   WHERE k.subscription_id = s.subscription_id AND (k.expires_at IS NULL OR k.expires_at > now())),
                  s.retry_policy::text, s.max_concurrency, s.rate_limit_per_second, p.payload, p.payload_content_type
        """;

    // AttemptRecordSql.ManySql at f97c511, schemas renamed.
    private const string RecordSql = """
        WITH i AS (
            SELECT * FROM unnest(@attempt_ids, @response_ids, @errors, @http_codes, @headers, @bodies, @truncated, @elapsed, @succeeded,
                                 @give_up, @retry, @delays)
                AS i(attempt_id, response_id, error, http_code, headers, body, truncated, elapsed, succeeded, give_up, retry, delay)
        ), response AS (
            INSERT INTO bench_v1.response (response_id, response_error_name, http_code, headers, body, body_truncated, elapsed_time_ms)
            SELECT response_id, error, http_code, headers::jsonb, body, truncated, elapsed FROM i
        ), done AS (
            UPDATE bench_v1.request_attempt a
            SET succeeded_at = CASE WHEN i.succeeded THEN now() END,
                failed_at = CASE WHEN i.succeeded THEN NULL ELSE now() END,
                response_id = i.response_id,
                give_up_reason = i.give_up,
                lease_until = NULL
            FROM i
            WHERE a.request_attempt_id = i.attempt_id AND a.succeeded_at IS NULL AND a.failed_at IS NULL
            RETURNING a.request_attempt_id, a.event_id, a.subscription_id, a.application_id, a.event_type_name, a.retry_count, i.retry, i.delay
        ), retry AS (
            INSERT INTO bench_v1.request_attempt (request_attempt_id, event_id, subscription_id, application_id, event_type_name, created_at, delay_until, retry_count)
            SELECT bench_v1.uuid_v7(), event_id, subscription_id, application_id, event_type_name, now(), now() + delay, retry_count + 1
            FROM done WHERE retry
        ), recovered AS (
            -- Only successes come here: a subscription in a failure run has recovered; others write nothing.
            UPDATE bench_v1.subscription SET failing_since = NULL, recovered_at = @now
            WHERE subscription_id IN (SELECT subscription_id FROM done) AND failing_since IS NOT NULL
        )
        SELECT request_attempt_id FROM done
        """;

    public static Task<int> RunAsync(string connectionString, int concurrency)
        => BareDelivery.RunLoopAsync(connectionString, concurrency, DeliverBatchAsync);

    private static async Task<int> DeliverBatchAsync(NpgsqlDataSource db, int batch, HttpClient client)
    {
        var claimed = new List<(Guid Id, Guid EventId, string Url, byte[] Payload, string ContentType)>();
        await using (var claim = db.CreateCommand(ClaimSql))
        {
            claim.Parameters.Add(new NpgsqlParameter<int>("batch", batch));
            claim.Parameters.Add(new NpgsqlParameter<bool>("first_tries_only", false));
            claim.Parameters.Add(new NpgsqlParameter<double>("lease_seconds", 60));
            claim.Parameters.Add(new NpgsqlParameter<string>("worker", "bench-v1"));
            claim.Parameters.Add(new NpgsqlParameter<string>("version", "bench"));
            await using var reader = await claim.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                claimed.Add((reader.GetGuid(reader.GetOrdinal("request_attempt_id")), reader.GetGuid(reader.GetOrdinal("event_id")),
                    reader.GetString(reader.GetOrdinal("target_url")), reader.GetFieldValue<byte[]>(reader.GetOrdinal("payload")),
                    reader.GetString(reader.GetOrdinal("payload_content_type"))));
            }
        }

        if (claimed.Count == 0)
        {
            return 0;
        }

        var outcomes = await Task.WhenAll(claimed.Select(async a =>
        {
            var start = Stopwatch.GetTimestamp();
            var (code, body) = await BareDelivery.PostAsync(client, a.Url, a.Payload, a.ContentType, a.EventId);
            return (a.Id, Code: (short?)code, Body: (byte[]?)body, Elapsed: (int)Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }));
        await using (var record = db.CreateCommand(RecordSql))
        {
            var p = record.Parameters;
            p.Add(new NpgsqlParameter<DateTime>("now", DateTime.UtcNow));
            p.Add(new NpgsqlParameter<Guid[]>("attempt_ids", [.. outcomes.Select(o => o.Id)]));
            p.Add(new NpgsqlParameter<Guid[]>("response_ids", [.. outcomes.Select(_ => Guid.CreateVersion7())]));
            p.Add(new NpgsqlParameter<string?[]>("errors", [.. outcomes.Select(_ => (string?)null)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            p.Add(new NpgsqlParameter<short?[]>("http_codes", [.. outcomes.Select(o => o.Code)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Smallint });
            p.Add(new NpgsqlParameter<string?[]>("headers", [.. outcomes.Select(_ => (string?)NewShapeLoop.ResponseHeadersJson)])
                { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            p.Add(new NpgsqlParameter<byte[]?[]>("bodies", [.. outcomes.Select(o => o.Body)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
            p.Add(new NpgsqlParameter<bool[]>("truncated", [.. outcomes.Select(_ => false)]));
            p.Add(new NpgsqlParameter<int[]>("elapsed", [.. outcomes.Select(o => o.Elapsed)]));
            p.Add(new NpgsqlParameter<bool[]>("succeeded", [.. outcomes.Select(o => o.Code is >= 200 and < 300)]));
            p.Add(new NpgsqlParameter<string?[]>("give_up", [.. outcomes.Select(_ => (string?)null)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            p.Add(new NpgsqlParameter<bool[]>("retry", [.. outcomes.Select(_ => false)]));
            p.Add(new NpgsqlParameter<TimeSpan[]>("delays", [.. outcomes.Select(_ => TimeSpan.Zero)]));
            await record.ExecuteNonQueryAsync();
        }

        return claimed.Count;
    }
}
