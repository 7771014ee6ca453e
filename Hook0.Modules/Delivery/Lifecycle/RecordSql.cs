using Hook0.Modules.Delivery.OperationalEvents;
using Hook0.Modules.Delivery.Sending;
using Npgsql;
using NpgsqlTypes;

namespace Hook0.Modules.Delivery.Lifecycle;

/// <summary>
/// Hot path, transitions "succeeded", "failed and retried", "given up" (and "cancelled" for an attempt whose
/// subscription went away while it was queued): in one statement the queue row leaves, the history row is written
/// with the response, a retry's successor is queued (a new id by ADR 0016's rule, due after the delay), a metered
/// attempt frees its lane slot, the subscription's health facts are written (database clock, see
/// <see cref="HealthClock"/>), and a dead letter's operational event is queued in the outbox. If the queue row is gone
/// already (another worker recorded it after this lease expired, or a disable cancelled it), nothing is written.
/// The group form records many successful tries in one statement (a success changes one health fact: a recovery).
/// </summary>
internal static class RecordSql
{
    private const string Sql = """
        WITH done AS (
            DELETE FROM webhook.delivery_queue WHERE application_id = @application_id AND request_attempt_id = @attempt_id
            RETURNING *
        ), history AS (
            INSERT INTO webhook.attempt (
        """ + HistorySql.Columns + """
            )
            SELECT application_id, created_at, request_attempt_id, subscription_id, event_id, event_received_at, event_type_name,
                   attempt_number, @outcome, @reason, CASE WHEN due_at > created_at THEN due_at END, picked_at, now(), worker_name, @version,
                   @request_headers::jsonb, CASE WHEN @tried THEN request_attempt_id END, @http_code, @error, @response_headers::jsonb, @body,
                   @truncated, @elapsed
            FROM done
        ), retry AS (
            INSERT INTO webhook.delivery_queue (application_id, request_attempt_id, subscription_id, event_id, event_received_at, event_type_name,
                                                created_at, due_at, attempt_number, metered)
            SELECT application_id, webhook.uuid_v7_at(statement_timestamp()), subscription_id, event_id, event_received_at, event_type_name,
                   date_trunc('milliseconds', statement_timestamp()), date_trunc('milliseconds', statement_timestamp()) + @delay, attempt_number + 1,
                   coalesce((SELECT l.metered FROM webhook.delivery_lane l WHERE l.subscription_id = done.subscription_id), false)
            FROM done WHERE @retry
        ), freed AS (
        """ + FreeSlots + """
        ), health AS (
            UPDATE webhook.subscription
            SET failing_since = CASE WHEN @succeeded THEN NULL ELSE coalesce(failing_since, now() + @skew) END,
                last_failed_at = CASE WHEN @succeeded THEN last_failed_at ELSE now() + @skew END,
                recovered_at = CASE WHEN @succeeded THEN now() + @skew ELSE recovered_at END
            WHERE subscription_id = @subscription_id AND @tried AND EXISTS (SELECT 1 FROM done)
              AND (NOT @succeeded OR failing_since IS NOT NULL)
        ), reset AS (
            -- A success ends the circuit breaker's count of failures (#26); the lane feedback handles an engaged lane.
            UPDATE webhook.delivery_lane SET consecutive_failures = 0
            WHERE subscription_id = @subscription_id AND @succeeded AND EXISTS (SELECT 1 FROM done) AND consecutive_failures > 0 AND circuit_state IS NULL
        ), exhausted AS (
            -- A dead letter is told (ADR 0008): its outbox row commits with it.
            INSERT INTO webhook.operational_event (operational_event_id, event_type, application_id, subscription_id, data, occurred_at)
            SELECT webhook.uuid_v7(), @exhausted_type, done.application_id, done.subscription_id,
                   jsonb_build_object('request_attempt_id', done.request_attempt_id, 'event_id', done.event_id, 'event_type', done.event_type_name,
                                      'subscription_id', done.subscription_id, 'application_id', done.application_id, 'retry_count', done.attempt_number,
                                      'give_up_reason', @reason, 'http_code', @http_code, 'error', @error, 'at', now() + @skew),
                   now() + @skew
            FROM done WHERE @outcome = @given_up
        )
        SELECT count(*) FROM done
        """;

    // The lane slots of the finished metered attempts (an expired entry is dropped on the way).
    private const string FreeSlots = """
            UPDATE webhook.delivery_lane l
            SET (in_flight_ids, in_flight_until) = (
                SELECT coalesce(array_agg(f.id ORDER BY f.o), '{}'), coalesce(array_agg(f.until ORDER BY f.o), '{}')
                FROM unnest(l.in_flight_ids, l.in_flight_until) WITH ORDINALITY f(id, until, o)
                WHERE f.until > now() AND f.id NOT IN (SELECT request_attempt_id FROM done))
            WHERE l.subscription_id IN (SELECT subscription_id FROM done WHERE metered)
        """;

    private const string ManySql = """
        WITH i AS (
            SELECT * FROM unnest(@application_ids, @attempt_ids, @request_headers, @http_codes, @response_headers, @bodies, @truncated, @elapsed)
                AS i(application_id, attempt_id, request_headers, http_code, response_headers, body, truncated, elapsed)
        ), done AS (
            DELETE FROM webhook.delivery_queue q USING i
            WHERE q.application_id = i.application_id AND q.request_attempt_id = i.attempt_id
            RETURNING q.*, i.request_headers, i.http_code, i.response_headers, i.body, i.truncated, i.elapsed
        ), history AS (
            INSERT INTO webhook.attempt (
        """ + HistorySql.Columns + """
            )
            SELECT application_id, created_at, request_attempt_id, subscription_id, event_id, event_received_at, event_type_name,
                   attempt_number, @succeeded_outcome, NULL, CASE WHEN due_at > created_at THEN due_at END, picked_at, now(), worker_name, @version,
                   request_headers::jsonb, request_attempt_id, http_code, NULL, response_headers::jsonb, body, truncated, elapsed
            FROM done
        ), freed AS (
        """ + FreeSlots + """
        ), reset AS (
            -- A success ends a run of failures counted by the circuit breaker (#26); lanes with no failure write nothing.
            UPDATE webhook.delivery_lane SET consecutive_failures = 0
            WHERE subscription_id IN (SELECT subscription_id FROM done) AND consecutive_failures > 0 AND circuit_state IS NULL
        ), recovered AS (
            -- A subscription in a failure run has recovered; others write nothing.
            UPDATE webhook.subscription SET failing_since = NULL, recovered_at = now() + @skew
            WHERE subscription_id IN (SELECT subscription_id FROM done) AND failing_since IS NOT NULL
        )
        SELECT request_attempt_id FROM done
        """;

    /// <summary>Records successful tries (each carries a response).</summary>
    /// <returns>The attempts recorded (the others had been recorded, or cancelled, already).</returns>
    public static async Task<HashSet<Guid>> RecordManyAsync(NpgsqlDataSource db, IReadOnlyList<RecordedTry> tries, TimeSpan skew, CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand(ManySql);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<TimeSpan>("skew", skew));
        p.Add(new NpgsqlParameter<string>("version", DeliveryOptions.Version));
        p.Add(new NpgsqlParameter<string>("succeeded_outcome", AttemptSpelling.Of(AttemptOutcome.Succeeded)));
        p.Add(new NpgsqlParameter<Guid[]>("application_ids", [.. tries.Select(t => t.Attempt.ApplicationId)]));
        p.Add(new NpgsqlParameter<Guid[]>("attempt_ids", [.. tries.Select(t => t.Attempt.AttemptId)]));
        p.Add(new NpgsqlParameter<string?[]>("request_headers", [.. tries.Select(t => t.Outcome.RequestHeaders)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        p.Add(new NpgsqlParameter<short?[]>("http_codes", [.. tries.Select(t => t.Outcome.HttpCode is { } code ? (short?)code : null)])
            { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Smallint });
        p.Add(new NpgsqlParameter<string?[]>("response_headers", [.. tries.Select(t => t.ResponseHeadersJson)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        p.Add(new NpgsqlParameter<byte[]?[]>("bodies", [.. tries.Select(t => t.Outcome.Body)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        p.Add(new NpgsqlParameter<bool[]>("truncated", [.. tries.Select(t => t.Outcome.BodyTruncated)]));
        p.Add(new NpgsqlParameter<int[]>("elapsed", [.. tries.Select(t => t.Outcome.ElapsedMs)]));
        var recorded = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            recorded.Add(reader.GetGuid(0));
        }

        return recorded;
    }

    /// <summary>Records one finished attempt; <paramref name="outcome"/> is null when nothing was sent (a cancellation).</summary>
    /// <returns>False when the attempt had been recorded (or cancelled) already.</returns>
    public static async Task<bool> RecordAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, ClaimedAttempt attempt, DeliveryOutcome? outcome,
        AttemptVerdict verdict, string? reason, string? responseHeadersJson, TimeSpan skew, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Sql, connection, transaction);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<Guid>("application_id", attempt.ApplicationId));
        p.Add(new NpgsqlParameter<Guid>("attempt_id", attempt.AttemptId));
        p.Add(new NpgsqlParameter<Guid>("subscription_id", attempt.SubscriptionId));
        p.Add(new NpgsqlParameter<string>("outcome", AttemptSpelling.Of(verdict.Outcome)));
        p.Add(new NpgsqlParameter<string>("given_up", AttemptSpelling.Of(AttemptOutcome.GivenUp)));
        p.Add(new NpgsqlParameter<string>("exhausted_type", OperationalEventTypes.AttemptExhausted));
        p.Add(new NpgsqlParameter("reason", NpgsqlDbType.Text) { Value = (object?)reason ?? DBNull.Value });
        p.Add(new NpgsqlParameter<string>("version", DeliveryOptions.Version));
        p.Add(new NpgsqlParameter<bool>("tried", outcome is not null));
        p.Add(new NpgsqlParameter<bool>("succeeded", outcome?.Succeeded ?? false));
        p.Add(new NpgsqlParameter("request_headers", NpgsqlDbType.Text) { Value = (object?)outcome?.RequestHeaders ?? DBNull.Value });
        p.Add(new NpgsqlParameter("error", NpgsqlDbType.Text) { Value = (object?)outcome?.ErrorName ?? DBNull.Value });
        p.Add(new NpgsqlParameter("http_code", NpgsqlDbType.Smallint) { Value = outcome?.HttpCode is { } code ? (short)code : DBNull.Value });
        p.Add(new NpgsqlParameter("response_headers", NpgsqlDbType.Text) { Value = (object?)responseHeadersJson ?? DBNull.Value });
        p.Add(new NpgsqlParameter("body", NpgsqlDbType.Bytea) { Value = (object?)outcome?.Body ?? DBNull.Value });
        p.Add(new NpgsqlParameter<bool>("truncated", outcome?.BodyTruncated ?? false));
        p.Add(new NpgsqlParameter("elapsed", NpgsqlDbType.Integer) { Value = outcome is null ? DBNull.Value : outcome.ElapsedMs });
        p.Add(new NpgsqlParameter<bool>("retry", verdict.RetryDelay is not null));
        p.Add(new NpgsqlParameter<TimeSpan>("delay", verdict.RetryDelay ?? TimeSpan.Zero));
        p.Add(new NpgsqlParameter<TimeSpan>("skew", skew));
        return (long)(await command.ExecuteScalarAsync(cancellationToken))! > 0;
    }
}

/// <summary>One successful try waiting to be recorded with others.</summary>
internal sealed record RecordedTry(ClaimedAttempt Attempt, DeliveryOutcome Outcome, string? ResponseHeadersJson);
