using Npgsql;
using NpgsqlTypes;

namespace Hook0.Modules.Delivery.SendAttempts;

/// <summary>
/// Hot path: record one try in a single statement (one round trip, atomically): the response row,
/// the attempt's outcome, the next attempt when it is retried, and on <c>410 Gone</c> the
/// subscription's disabling with its other pending attempts failed. If another worker already
/// recorded this attempt (its lease had expired), nothing is written twice. The group form records
/// many tries in one statement (no subscription disabling: a 410 takes the single form).
/// </summary>
internal static class AttemptRecordSql
{
    private const string Sql = """
        WITH response AS (
            INSERT INTO webhook.response (response_id, response_error_name, http_code, headers, body, body_truncated, elapsed_time_ms)
            SELECT webhook.uuid_v7(), @error, @http_code, @headers, @body, @truncated, @elapsed
            WHERE @record_response
            RETURNING response_id
        ), done AS (
            UPDATE webhook.request_attempt
            SET succeeded_at = CASE WHEN @succeeded THEN now() END,
                failed_at = CASE WHEN @succeeded THEN NULL ELSE now() END,
                response_id = (SELECT response_id FROM response),
                give_up_reason = @give_up,
                lease_until = NULL
            WHERE request_attempt_id = @attempt_id AND succeeded_at IS NULL AND failed_at IS NULL
            RETURNING event_id, subscription_id, application_id, event_type_name, retry_count
        ), retry AS (
            INSERT INTO webhook.request_attempt (request_attempt_id, event_id, subscription_id, application_id, event_type_name, created_at, delay_until, retry_count)
            SELECT webhook.uuid_v7(), event_id, subscription_id, application_id, event_type_name, now(), now() + @delay, retry_count + 1
            FROM done WHERE @retry
            RETURNING 1
        ), disabled AS (
            UPDATE webhook.subscription SET is_enabled = false, updated_at = now()
            WHERE subscription_id = @subscription_id AND @disable AND EXISTS (SELECT 1 FROM done)
            RETURNING 1
        ), cancelled AS (
            UPDATE webhook.request_attempt SET failed_at = now(), give_up_reason = 'subscription_disabled'
            WHERE subscription_id = @subscription_id AND @disable AND EXISTS (SELECT 1 FROM done)
              AND request_attempt_id <> @attempt_id AND succeeded_at IS NULL AND failed_at IS NULL
            RETURNING 1
        )
        SELECT (SELECT count(*) FROM done), (SELECT count(*) FROM retry), (SELECT count(*) FROM disabled), (SELECT count(*) FROM cancelled)
        """;

    private const string ManySql = """
        WITH i AS (
            SELECT * FROM unnest(@attempt_ids, @response_ids, @errors, @http_codes, @headers, @bodies, @truncated, @elapsed, @succeeded,
                                 @give_up, @retry, @delays)
                AS i(attempt_id, response_id, error, http_code, headers, body, truncated, elapsed, succeeded, give_up, retry, delay)
        ), response AS (
            INSERT INTO webhook.response (response_id, response_error_name, http_code, headers, body, body_truncated, elapsed_time_ms)
            SELECT response_id, error, http_code, headers::jsonb, body, truncated, elapsed FROM i
        ), done AS (
            UPDATE webhook.request_attempt a
            SET succeeded_at = CASE WHEN i.succeeded THEN now() END,
                failed_at = CASE WHEN i.succeeded THEN NULL ELSE now() END,
                response_id = i.response_id,
                give_up_reason = i.give_up,
                lease_until = NULL
            FROM i
            WHERE a.request_attempt_id = i.attempt_id AND a.succeeded_at IS NULL AND a.failed_at IS NULL
            RETURNING a.request_attempt_id, a.event_id, a.subscription_id, a.application_id, a.event_type_name, a.retry_count, i.retry, i.delay
        ), retry AS (
            INSERT INTO webhook.request_attempt (request_attempt_id, event_id, subscription_id, application_id, event_type_name, created_at, delay_until, retry_count)
            SELECT webhook.uuid_v7(), event_id, subscription_id, application_id, event_type_name, now(), now() + delay, retry_count + 1
            FROM done WHERE retry
        )
        SELECT request_attempt_id FROM done
        """;

    /// <summary>Records tries that all carry a response and none disables its subscription.</summary>
    /// <returns>The attempts recorded (the others had already been recorded by another worker).</returns>
    public static async Task<HashSet<Guid>> RecordManyAsync(NpgsqlDataSource db, IReadOnlyList<RecordedTry> tries, CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand(ManySql);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<Guid[]>("attempt_ids", [.. tries.Select(t => t.Attempt.AttemptId)]));
        p.Add(new NpgsqlParameter<Guid[]>("response_ids", [.. tries.Select(_ => Guid.CreateVersion7())]));
        p.Add(new NpgsqlParameter<string?[]>("errors", [.. tries.Select(t => t.Outcome.ErrorName)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        p.Add(new NpgsqlParameter<short?[]>("http_codes", [.. tries.Select(t => t.Outcome.HttpCode is { } code ? (short?)code : null)])
            { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Smallint });
        p.Add(new NpgsqlParameter<string?[]>("headers", [.. tries.Select(t => t.HeadersJson)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        p.Add(new NpgsqlParameter<byte[]?[]>("bodies", [.. tries.Select(t => t.Outcome.Body)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        p.Add(new NpgsqlParameter<bool[]>("truncated", [.. tries.Select(t => t.Outcome.BodyTruncated)]));
        p.Add(new NpgsqlParameter<int[]>("elapsed", [.. tries.Select(t => t.Outcome.ElapsedMs)]));
        p.Add(new NpgsqlParameter<bool[]>("succeeded", [.. tries.Select(t => t.Outcome.Succeeded)]));
        p.Add(new NpgsqlParameter<string?[]>("give_up", [.. tries.Select(t => t.Verdict.GiveUpReason)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        p.Add(new NpgsqlParameter<bool[]>("retry", [.. tries.Select(t => t.Verdict.RetryDelay is not null)]));
        p.Add(new NpgsqlParameter<TimeSpan[]>("delays", [.. tries.Select(t => t.Verdict.RetryDelay ?? TimeSpan.Zero)]));
        var recorded = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            recorded.Add(reader.GetGuid(0));
        }

        return recorded;
    }

    /// <returns>False when the attempt had already been recorded by another worker.</returns>
    public static async Task<bool> RecordAsync(NpgsqlDataSource db, ClaimedAttempt attempt, DeliveryOutcome? outcome, AttemptVerdict verdict,
        string? headersJson, CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand(Sql);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<bool>("record_response", outcome is not null));
        p.Add(new NpgsqlParameter("error", NpgsqlDbType.Text) { Value = (object?)outcome?.ErrorName ?? DBNull.Value });
        p.Add(new NpgsqlParameter("http_code", NpgsqlDbType.Smallint) { Value = outcome?.HttpCode is { } code ? (short)code : DBNull.Value });
        p.Add(new NpgsqlParameter("headers", NpgsqlDbType.Jsonb) { Value = (object?)headersJson ?? DBNull.Value });
        p.Add(new NpgsqlParameter("body", NpgsqlDbType.Bytea) { Value = (object?)outcome?.Body ?? DBNull.Value });
        p.Add(new NpgsqlParameter<bool>("truncated", outcome?.BodyTruncated ?? false));
        p.Add(new NpgsqlParameter("elapsed", NpgsqlDbType.Integer) { Value = outcome is null ? DBNull.Value : outcome.ElapsedMs });
        p.Add(new NpgsqlParameter<bool>("succeeded", outcome?.Succeeded ?? false));
        p.Add(new NpgsqlParameter("give_up", NpgsqlDbType.Text) { Value = (object?)verdict.GiveUpReason ?? DBNull.Value });
        p.Add(new NpgsqlParameter<Guid>("attempt_id", attempt.AttemptId));
        p.Add(new NpgsqlParameter<bool>("retry", verdict.RetryDelay is not null));
        p.Add(new NpgsqlParameter<TimeSpan>("delay", verdict.RetryDelay ?? TimeSpan.Zero));
        p.Add(new NpgsqlParameter<Guid>("subscription_id", attempt.SubscriptionId));
        p.Add(new NpgsqlParameter<bool>("disable", verdict.DisableSubscription));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return reader.GetInt64(0) > 0;
    }
}

/// <summary>One finished try waiting to be recorded with others.</summary>
internal sealed record RecordedTry(ClaimedAttempt Attempt, DeliveryOutcome Outcome, AttemptVerdict Verdict, string? HeadersJson);
