using Npgsql;

namespace Hook0.Tests.Delivery.History;

/// <summary>
/// Writes the second design's rows directly (ADR 0016), as the delivery core leaves them: queue rows for unfinished
/// attempts and history rows for finished ones, each with the id rule (<c>request_attempt_id = webhook.uuid_v7_at(t)</c>
/// and <c>created_at = date_trunc('milliseconds', t)</c>). Times are SQL expressions, so that a test can say
/// <c>now() + interval '1 hour'</c> as easily as a fixed instant.
/// </summary>
internal sealed class AttemptSeed(string connectionString, Guid applicationId)
{
    public static string At(DateTime instant) => $"'{instant:O}'::timestamptz";

    /// <summary>An unfinished attempt: pending, waiting (a retry due later), in flight (a live lease) or parked (due at infinity).</summary>
    public Task<Guid> QueuedAsync(Guid subscription, string eventType, string created, string? due = null, int attemptNumber = 0,
        string? leaseUntil = null, string? pickedAt = null, Guid? eventId = null, bool metered = false)
        => InsertAsync($"""
            WITH t AS (SELECT {created} AS at)
            INSERT INTO webhook.delivery_queue (application_id, request_attempt_id, subscription_id, event_id, event_received_at, event_type_name,
                created_at, due_at, attempt_number, metered, lease_until, picked_at, worker_name)
            SELECT '{applicationId}', webhook.uuid_v7_at(t.at), '{subscription}', '{eventId ?? Guid.NewGuid()}', date_trunc('milliseconds', t.at),
                '{eventType}', date_trunc('milliseconds', t.at), {due ?? "date_trunc('milliseconds', t.at)"}, {attemptNumber}, {(metered ? "true" : "false")},
                {leaseUntil ?? "NULL"}, {pickedAt ?? "NULL"}, {(pickedAt is null ? "NULL" : "'worker-1'")}
            FROM t
            RETURNING request_attempt_id
            """);

    /// <summary>
    /// A finished attempt. <paramref name="response"/>: "own" (the response id is the attempt's, as recorded since the
    /// second design), "legacy" (a wave-one response id of its own) or "none" (never tried: cancelled).
    /// </summary>
    public Task<Guid> FinishedAsync(Guid subscription, string eventType, string created, string completed, string outcome, string? reason = null,
        int attemptNumber = 0, string? delayUntil = null, short? httpCode = 200, string response = "own", string? errorName = null,
        Guid? eventId = null, string headers = """{"content-type":"text/plain","x-trace":"abc"}""", byte[]? body = null, bool truncated = false)
    {
        var hasResponse = response != "none";
        var bodyHex = body is null ? "NULL" : $"'\\x{Convert.ToHexString(body)}'::bytea";
        return InsertAsync($"""
            WITH t AS (SELECT {created} AS at), ids AS (SELECT webhook.uuid_v7_at(t.at) AS id, t.at FROM t)
            INSERT INTO webhook.attempt (application_id, created_at, request_attempt_id, subscription_id, event_id, event_received_at, event_type_name,
                attempt_number, outcome, reason, delay_until, picked_at, completed_at, worker_name, worker_version, request_headers, response_id,
                http_code, response_error_name, response_headers, response_body, response_body_truncated, elapsed_ms)
            SELECT '{applicationId}', date_trunc('milliseconds', ids.at), ids.id, '{subscription}', '{eventId ?? Guid.NewGuid()}',
                date_trunc('milliseconds', ids.at), '{eventType}', {attemptNumber}, '{outcome}', {(reason is null ? "NULL" : $"'{reason}'")},
                {delayUntil ?? "NULL"}, {(hasResponse ? completed : "NULL")}, {completed}, {(hasResponse ? "'worker-1'" : "NULL")},
                {(hasResponse ? "'test'" : "NULL")}, {(hasResponse ? "'{\"x-hook0-signature\":\"***\"}'" : "NULL")},
                {(response == "own" ? "ids.id" : response == "legacy" ? "webhook.uuid_v7_at(ids.at + interval '3 milliseconds')" : "NULL")},
                {(hasResponse && httpCode is { } code ? code.ToString(System.Globalization.CultureInfo.InvariantCulture) : "NULL")},
                {(errorName is null ? "NULL" : $"'{errorName}'")}, {(hasResponse ? $"'{headers}'" : "NULL")}, {(hasResponse ? bodyHex : "NULL")},
                {(truncated ? "true" : "false")}, {(hasResponse ? "12" : "NULL")}
            FROM ids
            RETURNING request_attempt_id
            """);
    }

    /// <summary>Marks a dead letter retried by hand (it leaves the dead-letter list).</summary>
    public Task<Guid> RetriedAsync(Guid attempt)
        => InsertAsync($"""
            INSERT INTO webhook.dead_letter_retry (application_id, request_attempt_id, retried_at) VALUES ('{applicationId}', '{attempt}', now())
            RETURNING request_attempt_id
            """);

    /// <summary>The response id a history row carries.</summary>
    public async Task<Guid?> ResponseIdAsync(Guid attempt)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT response_id FROM webhook.attempt WHERE request_attempt_id = @id", connection);
        command.Parameters.AddWithValue("id", attempt);
        return await command.ExecuteScalarAsync() is Guid id ? id : null;
    }

    /// <summary>
    /// Day partitions of the history for the given days (what housekeeping creates ahead in production), so that the
    /// plans tests look at are the plans of a partitioned table. A day some other part of the suite already covers is kept.
    /// </summary>
    public static async Task DayPartitionsAsync(string connectionString, params DateTime[] days)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var day in days.Select(d => d.Date))
        {
            await using var command = new NpgsqlCommand($"""
                DO $$ BEGIN
                  CREATE TABLE IF NOT EXISTS webhook.attempt_seed_{day:yyyyMMdd} PARTITION OF webhook.attempt
                    FOR VALUES FROM ('{day:yyyy-MM-dd}T00:00:00Z') TO ('{day.AddDays(1):yyyy-MM-dd}T00:00:00Z');
                EXCEPTION WHEN invalid_object_definition THEN NULL; -- overlaps a partition already there
                END $$
                """, connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    private async Task<Guid> InsertAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (Guid)(await command.ExecuteScalarAsync())!;
    }
}
