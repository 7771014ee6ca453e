using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace Hook0.Bench.Ceilings;

/// <summary>
/// The bare loop on the second design's shape (issue #20, migration <c>SecondDesign</c>): claim due open work from
/// <c>webhook.delivery_queue</c> through its open index (due time, SKIP LOCKED, a lease: HOT updates), post, and record
/// the group in one statement that deletes the queue rows and inserts their history rows into <c>webhook.attempt</c>
/// (request headers as sent, the response in the same row). Metered lanes (paused, limited) are not its business: it
/// measures what a delivery costs the database on the new shape, the yardstick of the server's drain.
/// </summary>
internal static class NewShapeLoop
{
    /// <summary>The response headers every bare loop records (the receiver's are about this size).</summary>
    public const string ResponseHeadersJson = """{"date":"Mon, 07 Dec 2026 10:00:00 GMT","connection":"keep-alive","keep-alive":"timeout=5","transfer-encoding":"chunked"}""";

    private const string ClaimSql = """
        WITH due AS (
            -- The backlogs are first tries: the range of delivery_queue_open_first_idx, as the server's claim reads it.
            SELECT application_id, request_attempt_id FROM webhook.delivery_queue
            WHERE NOT metered AND attempt_number = 0 AND due_at <= now() AND (lease_until IS NULL OR lease_until < now())
            ORDER BY due_at
            LIMIT @batch
            FOR UPDATE SKIP LOCKED
        )
        UPDATE webhook.delivery_queue q
        SET lease_until = now() + interval '60 seconds', picked_at = now(), worker_name = @worker
        FROM due, webhook.subscription s, event.delivery_payload p
        WHERE q.application_id = due.application_id AND q.request_attempt_id = due.request_attempt_id
          AND s.subscription_id = q.subscription_id
          AND p.application_id = q.application_id AND p.received_at = q.event_received_at AND p.event_id = q.event_id
        RETURNING q.application_id, q.request_attempt_id, q.event_id, q.event_type_name, s.target_url, p.payload, p.payload_content_type
        """;

    private const string RecordSql = """
        WITH i AS (
            SELECT * FROM unnest(@application_ids, @attempt_ids, @http_codes, @request_headers, @response_headers, @bodies, @elapsed)
                AS i(application_id, attempt_id, http_code, request_headers, response_headers, body, elapsed)
        ), done AS (
            DELETE FROM webhook.delivery_queue q USING i
            WHERE q.application_id = i.application_id AND q.request_attempt_id = i.attempt_id
            RETURNING q.*, i.http_code, i.request_headers, i.response_headers, i.body, i.elapsed
        )
        INSERT INTO webhook.attempt (application_id, created_at, request_attempt_id, subscription_id, event_id, event_received_at, event_type_name,
                                     attempt_number, outcome, reason, delay_until, picked_at, completed_at, worker_name, worker_version,
                                     request_headers, response_id, http_code, response_error_name, response_headers, response_body,
                                     response_body_truncated, elapsed_ms)
        SELECT application_id, created_at, request_attempt_id, subscription_id, event_id, event_received_at, event_type_name,
               attempt_number, 'succeeded', NULL, CASE WHEN attempt_number > 0 THEN due_at END, picked_at, now(), worker_name, 'bench',
               request_headers::jsonb, request_attempt_id, http_code, NULL, response_headers::jsonb, body, false, elapsed
        FROM done
        """;

    public static Task<int> RunAsync(string connectionString, int concurrency)
        => BareDelivery.RunLoopAsync(connectionString, concurrency, DeliverBatchAsync);

    /// <summary>Claims up to <paramref name="batch"/> due queue rows, posts them and records their history; returns how many.</summary>
    internal static async Task<int> DeliverBatchAsync(NpgsqlDataSource db, int batch, HttpClient client)
    {
        var claimed = new List<(Guid App, Guid Id, Guid EventId, string EventType, string Url, byte[] Payload, string ContentType)>();
        await using (var claim = db.CreateCommand(ClaimSql))
        {
            claim.Parameters.Add(new NpgsqlParameter<int>("batch", batch));
            claim.Parameters.Add(new NpgsqlParameter<string>("worker", "bench-v2"));
            await using var reader = await claim.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                claimed.Add((reader.GetGuid(reader.GetOrdinal("application_id")), reader.GetGuid(reader.GetOrdinal("request_attempt_id")),
                    reader.GetGuid(reader.GetOrdinal("event_id")), reader.GetString(reader.GetOrdinal("event_type_name")),
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
            // The headers as sent, secret values masked, as the product records them.
            var sent = $$"""{"content-type":"{{a.ContentType}}","x-event-id":"{{a.EventId}}","x-event-type":"{{a.EventType}}","x-hook0-signature":"***"}""";
            return (a.App, a.Id, Code: (short)code, Sent: sent, Body: body, Elapsed: (int)Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }));
        await using (var record = db.CreateCommand(RecordSql))
        {
            var p = record.Parameters;
            p.Add(new NpgsqlParameter<Guid[]>("application_ids", [.. outcomes.Select(o => o.App)]));
            p.Add(new NpgsqlParameter<Guid[]>("attempt_ids", [.. outcomes.Select(o => o.Id)]));
            p.Add(new NpgsqlParameter<short[]>("http_codes", [.. outcomes.Select(o => o.Code)]));
            p.Add(new NpgsqlParameter<string[]>("request_headers", [.. outcomes.Select(o => o.Sent)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            p.Add(new NpgsqlParameter<string[]>("response_headers", [.. outcomes.Select(_ => ResponseHeadersJson)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            p.Add(new NpgsqlParameter<byte[][]>("bodies", [.. outcomes.Select(o => o.Body)]));
            p.Add(new NpgsqlParameter<int[]>("elapsed", [.. outcomes.Select(o => o.Elapsed)]));
            await record.ExecuteNonQueryAsync();
        }

        return claimed.Count;
    }
}
