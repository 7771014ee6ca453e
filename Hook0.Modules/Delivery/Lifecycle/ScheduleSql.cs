using Hook0.Modules.Kernel.Contracts;
using Npgsql;
using NpgsqlTypes;

namespace Hook0.Modules.Delivery.Lifecycle;

/// <summary>
/// Hot path (every ingested event), transition "scheduled": match subscriptions and queue their attempts in one
/// statement. A subscription matches when it is live and enabled, its labels are contained in the event's, and the
/// event type is one of its exact names or matches one of its patterns. Each attempt's id is a UUIDv7 of the
/// statement's instant and its created_at that instant to the millisecond (ADR 0016's rule); it is due at once and
/// takes its lane's path (metered or open). The wake-up NOTIFY rides in the same statement (one round trip);
/// PostgreSQL folds identical notifications of one transaction into one and delivers it at commit.
/// </summary>
internal static class ScheduleSql
{
    private const string Sql = """
        WITH e AS (
            SELECT * FROM unnest(@event_ids, @application_ids, @received_ats, @event_types, @labels)
                AS e(event_id, application_id, received_at, event_type, labels)
        ), t AS (
            SELECT statement_timestamp() AS at
        ), created AS (
            INSERT INTO webhook.delivery_queue (application_id, request_attempt_id, subscription_id, event_id, event_received_at, event_type_name,
                                                created_at, due_at, attempt_number, metered)
            SELECT s.application_id, webhook.uuid_v7_at(t.at), s.subscription_id, e.event_id, e.received_at, e.event_type,
                   date_trunc('milliseconds', t.at), date_trunc('milliseconds', t.at), 0, coalesce(l.metered, false)
            FROM e CROSS JOIN t
            JOIN webhook.subscription s ON s.application_id = e.application_id
            LEFT JOIN webhook.delivery_lane l ON l.subscription_id = s.subscription_id
            WHERE s.is_enabled AND s.deleted_at IS NULL
              AND (@only_subscription::uuid IS NULL OR s.subscription_id = @only_subscription)
              AND e.labels @> s.labels
              AND (EXISTS (SELECT 1 FROM webhook.subscription__event_type x
                           WHERE x.subscription_id = s.subscription_id AND x.event_type_name = e.event_type)
                   OR EXISTS (SELECT 1 FROM webhook.subscription__event_type_pattern p
                              WHERE p.subscription_id = s.subscription_id AND e.event_type ~ p.regex))
            RETURNING 1
        ), counted AS (SELECT count(*) AS n FROM created)
        SELECT n, CASE WHEN n > 0 THEN pg_notify('hook0_attempts', @instance) END FROM counted
        """;

    /// <remarks>
    /// <c>instance</c> is the NOTIFY's payload: the committing instance wakes its own worker directly and ignores its own
    /// NOTIFY. <c>onlySubscription</c> narrows a replay to one subscription.
    /// </remarks>
    public static async Task<int> ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<DispatchedEvent> events,
        string instance, Guid? onlySubscription, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Sql, connection, transaction);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<string>("instance", instance));
        p.Add(new NpgsqlParameter<Guid[]>("event_ids", [.. events.Select(e => e.EventId)]));
        p.Add(new NpgsqlParameter<Guid[]>("application_ids", [.. events.Select(e => e.ApplicationId)]));
        p.Add(new NpgsqlParameter<DateTime[]>("received_ats", [.. events.Select(e => DateTime.SpecifyKind(e.ReceivedAt, DateTimeKind.Utc))])
            { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        p.Add(new NpgsqlParameter<string[]>("event_types", [.. events.Select(e => e.EventTypeName)]));
        // Sent as jsonb: the labels' one representation from the client's JSON to the comparison (no text cast in the statement).
        p.Add(new NpgsqlParameter<string[]>("labels", [.. events.Select(e => e.LabelsJson)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        p.Add(new NpgsqlParameter("only_subscription", NpgsqlDbType.Uuid) { Value = (object?)onlySubscription ?? DBNull.Value });
        return (int)(long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
