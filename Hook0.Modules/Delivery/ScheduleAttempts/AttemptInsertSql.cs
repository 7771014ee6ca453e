using Hook0.Modules.Delivery.Contracts;
using Npgsql;
using NpgsqlTypes;

namespace Hook0.Modules.Delivery.ScheduleAttempts;

/// <summary>
/// Hot path (every ingested event): match subscriptions and create their attempts in one statement.
/// A subscription matches when it is live and enabled, its labels are contained in the event's, and
/// the event type is one of its exact names or matches one of its patterns. The group form does the
/// same for every event of a group commit in one statement.
/// </summary>
internal static class AttemptInsertSql
{
    // The wake-up NOTIFY rides in the same statement (one round trip); PostgreSQL folds identical
    // notifications of one transaction into one and delivers it at commit.
    private const string Sql = """
        WITH created AS (
        INSERT INTO webhook.request_attempt (request_attempt_id, event_id, subscription_id, application_id, event_type_name, created_at, retry_count)
        SELECT webhook.uuid_v7(), @event_id, s.subscription_id, s.application_id, @event_type, statement_timestamp(), 0
        FROM webhook.subscription s
        WHERE s.application_id = @application_id
          AND s.is_enabled AND s.deleted_at IS NULL
          AND (@only_subscription IS NULL OR s.subscription_id = @only_subscription)
          AND @labels @> s.labels
          AND (EXISTS (SELECT 1 FROM webhook.subscription__event_type e
                       WHERE e.subscription_id = s.subscription_id AND e.event_type_name = @event_type)
               OR EXISTS (SELECT 1 FROM webhook.subscription__event_type_pattern p
                          WHERE p.subscription_id = s.subscription_id AND @event_type ~ p.regex))
        RETURNING 1
        ), counted AS (SELECT count(*) AS n FROM created)
        SELECT n, CASE WHEN n > 0 THEN pg_notify('hook0_attempts', '') END FROM counted
        """;

    private const string ManySql = """
        WITH e AS (
            SELECT * FROM unnest(@event_ids, @application_ids, @event_types, @labels) AS e(event_id, application_id, event_type, labels)
        ), created AS (
        INSERT INTO webhook.request_attempt (request_attempt_id, event_id, subscription_id, application_id, event_type_name, created_at, retry_count)
        SELECT webhook.uuid_v7(), e.event_id, s.subscription_id, s.application_id, e.event_type, statement_timestamp(), 0
        FROM e JOIN webhook.subscription s ON s.application_id = e.application_id
        WHERE s.is_enabled AND s.deleted_at IS NULL
          AND e.labels::jsonb @> s.labels
          AND (EXISTS (SELECT 1 FROM webhook.subscription__event_type t
                       WHERE t.subscription_id = s.subscription_id AND t.event_type_name = e.event_type)
               OR EXISTS (SELECT 1 FROM webhook.subscription__event_type_pattern p
                          WHERE p.subscription_id = s.subscription_id AND e.event_type ~ p.regex))
        RETURNING 1
        ), counted AS (SELECT count(*) AS n FROM created)
        SELECT n, CASE WHEN n > 0 THEN pg_notify('hook0_attempts', @instance) END FROM counted
        """;

    // instance: sent as the NOTIFY's payload; the committing instance wakes its own worker directly and ignores its own NOTIFY.
    public static async Task<int> ExecuteManyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<DispatchedEvent> events,
        string instance, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(ManySql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string>("instance", instance));
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("event_ids", [.. events.Select(e => e.EventId)]));
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("application_ids", [.. events.Select(e => e.ApplicationId)]));
        command.Parameters.Add(new NpgsqlParameter<string[]>("event_types", [.. events.Select(e => e.EventTypeName)]));
        command.Parameters.Add(new NpgsqlParameter<string[]>("labels", [.. events.Select(e => e.LabelsJson)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        return (int)(long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public static async Task<int> ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        Guid eventId, Guid applicationId, string eventType, string labelsJson, Guid? onlySubscription, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Sql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<Guid>("event_id", eventId));
        command.Parameters.Add(new NpgsqlParameter<Guid>("application_id", applicationId));
        command.Parameters.Add(new NpgsqlParameter<string>("event_type", eventType));
        command.Parameters.Add(new NpgsqlParameter<string>("labels", NpgsqlDbType.Jsonb) { TypedValue = labelsJson });
        command.Parameters.Add(new NpgsqlParameter("only_subscription", NpgsqlDbType.Uuid) { Value = (object?)onlySubscription ?? DBNull.Value });
        return (int)(long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
