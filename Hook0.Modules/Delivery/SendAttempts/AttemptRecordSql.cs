using Hook0.Modules.Delivery.OperationalEvents;
using Npgsql;
using NpgsqlTypes;

namespace Hook0.Modules.Delivery.SendAttempts;

/// <summary>
/// Hot path: record one try in a single statement (one round trip, atomically): the response row,
/// the attempt's outcome, the next attempt when it is retried, the subscription's health facts, and
/// on <c>410 Gone</c> the subscription's disabling (with its health transition) and its other pending attempts failed,
/// and the operational events (outbox rows) of the disable and of a dead-lettering give-up. If another worker already
/// recorded this attempt (its lease had expired), nothing is written twice. The group form records
/// many successful tries in one statement (with the one health fact a success can change: a recovery);
/// failures, give-ups and 410s take the single form, which writes their health facts and outbox rows.
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
        ), prior AS (
            SELECT health_state, failing_since FROM webhook.subscription WHERE subscription_id = @subscription_id
        ), subscription AS (
            -- One update of the subscription row for both purposes (a statement may change a row once):
            -- the health facts (a success on a subscription with no failure run writes nothing), and
            -- on 410 Gone its disabling.
            UPDATE webhook.subscription
            SET failing_since = CASE WHEN @succeeded THEN NULL ELSE coalesce(failing_since, @now) END,
                last_failed_at = CASE WHEN @succeeded THEN last_failed_at ELSE @now END,
                recovered_at = CASE WHEN @succeeded THEN @now ELSE recovered_at END,
                is_enabled = is_enabled AND NOT @disable,
                updated_at = CASE WHEN @disable THEN now() ELSE updated_at END,
                health_state = CASE WHEN @disable THEN 'disabled' ELSE health_state END,
                health_reason = CASE WHEN @disable THEN 'the endpoint answered 410 Gone' ELSE health_reason END,
                health_changed_at = CASE WHEN @disable THEN @now ELSE health_changed_at END
            WHERE subscription_id = @subscription_id AND @record_response AND EXISTS (SELECT 1 FROM done)
              AND (@disable OR NOT @succeeded OR failing_since IS NOT NULL)
            RETURNING 1
        ), disabled AS (
            INSERT INTO webhook.subscription_health_transition (health_transition_id, subscription_id, from_state, to_state, reason, occurred_at)
            SELECT webhook.uuid_v7(), @subscription_id, prior.health_state, 'disabled', 'the endpoint answered 410 Gone', @now
            FROM prior WHERE @disable AND prior.health_state <> 'disabled' AND EXISTS (SELECT 1 FROM subscription)
            RETURNING 1
        ), cancelled AS (
            UPDATE webhook.request_attempt SET failed_at = now(), give_up_reason = 'subscription_disabled'
            WHERE subscription_id = @subscription_id AND @disable AND EXISTS (SELECT 1 FROM done)
              AND request_attempt_id <> @attempt_id AND succeeded_at IS NULL AND failed_at IS NULL
            RETURNING 1
        ), told_disabled AS (
            -- Operational events (ADR 0008), outbox rows written by this same statement: the 410 disable...
            INSERT INTO webhook.operational_event (operational_event_id, event_type, application_id, subscription_id, data, occurred_at)
            SELECT webhook.uuid_v7(), 'hook0.subscription.disabled', s.application_id, s.subscription_id,
                   jsonb_build_object('subscription_id', s.subscription_id, 'application_id', s.application_id, 'description', s.description,
                                      'target_url', s.target_url, 'from', prior.health_state, 'to', 'disabled', 'reason', 'the endpoint answered 410 Gone',
                                      'failing_since', prior.failing_since, 'at', @now),
                   @now
            FROM prior JOIN webhook.subscription s ON s.subscription_id = @subscription_id
            WHERE EXISTS (SELECT 1 FROM disabled)
            RETURNING 1
        ), exhausted AS (
            -- ... and the give-up that dead-letters this attempt.
            INSERT INTO webhook.operational_event (operational_event_id, event_type, application_id, subscription_id, data, occurred_at)
            SELECT webhook.uuid_v7(), 'hook0.attempt.exhausted', done.application_id, done.subscription_id,
                   jsonb_build_object('request_attempt_id', @attempt_id, 'event_id', done.event_id, 'event_type', done.event_type_name,
                                      'subscription_id', done.subscription_id, 'application_id', done.application_id, 'retry_count', done.retry_count,
                                      'give_up_reason', @give_up, 'http_code', @http_code, 'error', @error, 'at', @now),
                   @now
            FROM done WHERE @give_up = ANY(@exhausting)
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
        ), recovered AS (
            -- Only successes come here: a subscription in a failure run has recovered; others write nothing.
            UPDATE webhook.subscription SET failing_since = NULL, recovered_at = @now
            WHERE subscription_id IN (SELECT subscription_id FROM done) AND failing_since IS NOT NULL
        )
        SELECT request_attempt_id FROM done
        """;

    /// <summary>Records successful tries (each carries a response; none gives up or disables its subscription).</summary>
    /// <returns>The attempts recorded (the others had already been recorded by another worker).</returns>
    public static async Task<HashSet<Guid>> RecordManyAsync(NpgsqlDataSource db, IReadOnlyList<RecordedTry> tries, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand(ManySql);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<DateTime>("now", now.UtcDateTime));
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
    /// <remarks><paramref name="now"/> stamps the health facts (the instance clock, the one the health monitor reads too).</remarks>
    public static async Task<bool> RecordAsync(NpgsqlDataSource db, ClaimedAttempt attempt, DeliveryOutcome? outcome, AttemptVerdict verdict,
        string? headersJson, DateTimeOffset now, CancellationToken cancellationToken)
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
        p.Add(new NpgsqlParameter<DateTime>("now", now.UtcDateTime));
        p.Add(new NpgsqlParameter<string[]>("exhausting", [.. OperationalEventTypes.ExhaustingGiveUps]));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return reader.GetInt64(0) > 0;
    }
}

/// <summary>One finished try waiting to be recorded with others.</summary>
internal sealed record RecordedTry(ClaimedAttempt Attempt, DeliveryOutcome Outcome, AttemptVerdict Verdict, string? HeadersJson);
