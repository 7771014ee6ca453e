using Npgsql;

namespace Hook0.Modules.Delivery.Lifecycle;

/// <summary>
/// Transition "dead letter retried": each letter is marked in <c>webhook.dead_letter_retry</c> (the history row stays as
/// written; the mark takes it off the dead-letter list) and a fresh attempt (attempt number 0, due now, ids by ADR 0016's
/// rule) is queued for it, in one statement. A letter marked already (a concurrent retry) is not queued twice.
/// </summary>
internal static class RequeueSql
{
    private const string Sql = """
        WITH letters AS (
            SELECT * FROM unnest(@application_ids, @attempt_ids, @subscription_ids, @event_ids, @received_ats, @event_types)
                AS l(application_id, request_attempt_id, subscription_id, event_id, event_received_at, event_type_name)
        ), t AS (
            SELECT statement_timestamp() AS at
        ), marked AS (
            INSERT INTO webhook.dead_letter_retry (application_id, request_attempt_id, retried_at)
            SELECT application_id, request_attempt_id, now() + @skew FROM letters
            ON CONFLICT DO NOTHING
            RETURNING application_id, request_attempt_id
        ), queued AS (
            INSERT INTO webhook.delivery_queue (application_id, request_attempt_id, subscription_id, event_id, event_received_at, event_type_name,
                                                created_at, due_at, attempt_number, metered)
            SELECT l.application_id, webhook.uuid_v7_at(t.at), l.subscription_id, l.event_id, l.event_received_at, l.event_type_name,
                   date_trunc('milliseconds', t.at), date_trunc('milliseconds', t.at), 0, coalesce(lane.metered, false)
            FROM marked m JOIN letters l USING (application_id, request_attempt_id) CROSS JOIN t
            LEFT JOIN webhook.delivery_lane lane ON lane.subscription_id = l.subscription_id
            RETURNING 1
        ), counted AS (SELECT count(*) AS n FROM queued)
        SELECT n, CASE WHEN n > 0 THEN pg_notify('hook0_attempts', '') END FROM counted
        """;

    public static async Task<int> ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<DeadLetter> letters, TimeSpan skew,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Sql, connection, transaction);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<Guid[]>("application_ids", [.. letters.Select(l => l.ApplicationId)]));
        p.Add(new NpgsqlParameter<Guid[]>("attempt_ids", [.. letters.Select(l => l.AttemptId)]));
        p.Add(new NpgsqlParameter<Guid[]>("subscription_ids", [.. letters.Select(l => l.SubscriptionId)]));
        p.Add(new NpgsqlParameter<Guid[]>("event_ids", [.. letters.Select(l => l.EventId)]));
        p.Add(new NpgsqlParameter<DateTime[]>("received_ats", [.. letters.Select(l => DateTime.SpecifyKind(l.EventReceivedAt, DateTimeKind.Utc))]));
        p.Add(new NpgsqlParameter<string[]>("event_types", [.. letters.Select(l => l.EventTypeName)]));
        p.Add(new NpgsqlParameter<TimeSpan>("skew", skew));
        return (int)(long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}

/// <summary>A dead letter to send again (from its history row).</summary>
internal sealed record DeadLetter(Guid ApplicationId, Guid AttemptId, Guid SubscriptionId, Guid EventId, DateTime EventReceivedAt, string EventTypeName);
