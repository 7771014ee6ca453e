using Hook0.Modules.Delivery.Health;
using Hook0.Modules.Delivery.OperationalEvents;
using Npgsql;
using NpgsqlTypes;

namespace Hook0.Modules.Delivery.Lifecycle;

/// <summary>
/// The one path that disables a subscription, whoever asks (a <c>410 Gone</c>, the health monitor, a user's switch, a
/// deletion), in the caller's transaction and one statement: the subscription leaves the delivery (disabled; deleted
/// too for a deletion), its health moves to <c>disabled</c> with the reason and <c>failing_since</c> cleared, the
/// transition is recorded, the operational event is queued (when the disable was not the user's own doing), and its
/// queued attempts enter the history as cancelled, all on the database clock. Re-enabling is here too.
/// </summary>
internal static class SubscriptionSwitchSql
{
    private static readonly string DisableSql = """
        WITH prior AS (
            SELECT subscription_id, application_id, health_state, failing_since
            FROM webhook.subscription
            WHERE subscription_id = @id
              AND (NOT @guarded OR (is_enabled AND deleted_at IS NULL AND health_state = @from
                   AND failing_since IS NOT DISTINCT FROM @failing_since AND last_failed_at IS NOT DISTINCT FROM @last_failed_at
                   AND recovered_at IS NOT DISTINCT FROM @recovered_at))
            FOR UPDATE
        ), switched AS (
            UPDATE webhook.subscription s
            SET is_enabled = false,
                deleted_at = CASE WHEN @delete THEN coalesce(s.deleted_at, now() + @skew) ELSE s.deleted_at END,
                updated_at = now() + @skew,
                health_state = @disabled, health_reason = @reason, health_changed_at = now() + @skew, failing_since = NULL
            FROM prior WHERE s.subscription_id = prior.subscription_id
            RETURNING s.subscription_id
        ), transition AS (
            INSERT INTO webhook.subscription_health_transition (health_transition_id, subscription_id, from_state, to_state, reason, occurred_at)
            SELECT webhook.uuid_v7(), prior.subscription_id, prior.health_state, @disabled, @reason, now() + @skew
            FROM prior WHERE prior.health_state <> @disabled
        ), told AS (
        """ + OperationalOutbox.TransitionInsert("prior.health_state", "@disabled", "prior.failing_since") + """
            FROM prior JOIN webhook.subscription s ON s.subscription_id = prior.subscription_id
            WHERE @tell AND prior.health_state <> @disabled
        ), cancelled AS (
            DELETE FROM webhook.delivery_queue q USING prior WHERE q.subscription_id = prior.subscription_id
            RETURNING q.*
        ), cancelled_history AS (
        """ + HistorySql.Cancelled("cancelled") + """
        ), lane AS (
            UPDATE webhook.delivery_lane l SET in_flight_ids = '{}', in_flight_until = '{}'
            FROM prior WHERE l.subscription_id = prior.subscription_id AND cardinality(l.in_flight_ids) > 0
        )
        SELECT (SELECT count(*) FROM switched), (SELECT count(*) FROM cancelled)
        """;

    private const string EnableSql = """
        WITH prior AS (
            SELECT subscription_id, health_state FROM webhook.subscription WHERE subscription_id = @id FOR UPDATE
        ), switched AS (
            UPDATE webhook.subscription s
            SET is_enabled = true, updated_at = now(), health_state = @healthy, health_reason = @reason, health_changed_at = now() + @skew, failing_since = NULL
            FROM prior WHERE s.subscription_id = prior.subscription_id AND prior.health_state <> @healthy
        )
        INSERT INTO webhook.subscription_health_transition (health_transition_id, subscription_id, from_state, to_state, reason, occurred_at)
        SELECT webhook.uuid_v7(), prior.subscription_id, prior.health_state, @healthy, @reason, now() + @skew
        FROM prior WHERE prior.health_state <> @healthy
        """;

    /// <returns>Whether the subscription was switched (false: the guard's facts had changed) and how many queued attempts were cancelled.</returns>
    public static async Task<(bool Switched, long Cancelled)> DisableAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid subscriptionId,
        DisableCause cause, string reason, HealthFacts? guard, TimeSpan skew, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(DisableSql, connection, transaction);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<Guid>("id", subscriptionId));
        p.Add(new NpgsqlParameter<bool>("guarded", guard is not null));
        p.Add(new NpgsqlParameter<string>("from", guard?.State ?? string.Empty));
        p.Add(Timestamp("failing_since", guard?.FailingSince));
        p.Add(Timestamp("last_failed_at", guard?.LastFailedAt));
        p.Add(Timestamp("recovered_at", guard?.RecoveredAt));
        p.Add(new NpgsqlParameter<bool>("delete", cause == DisableCause.Deleted));
        // A user's own switch or deletion is theirs: it tells nothing (ADR 0008); a 410 or the monitor's decision is told.
        p.Add(new NpgsqlParameter<bool>("tell", cause is DisableCause.Gone410 or DisableCause.Health));
        p.Add(new NpgsqlParameter<string>("disabled", HealthStates.Disabled));
        p.Add(new NpgsqlParameter<string>("type", OperationalEventTypes.SubscriptionDisabled));
        p.Add(new NpgsqlParameter<string>("reason", reason));
        p.Add(new NpgsqlParameter<TimeSpan>("skew", skew));
        p.Add(new NpgsqlParameter<string>("cancelled", AttemptSpelling.Of(AttemptOutcome.Cancelled)));
        p.Add(new NpgsqlParameter<string>("cancel_reason", AttemptSpelling.Of(cause == DisableCause.Deleted ? CancelReason.SubscriptionGone : CancelReason.SubscriptionDisabled)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0) > 0, reader.GetInt64(1));
    }

    public static async Task EnableAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid subscriptionId, string reason, TimeSpan skew,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(EnableSql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<Guid>("id", subscriptionId));
        command.Parameters.Add(new NpgsqlParameter<string>("healthy", HealthStates.Healthy));
        command.Parameters.Add(new NpgsqlParameter<string>("reason", reason));
        command.Parameters.Add(new NpgsqlParameter<TimeSpan>("skew", skew));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlParameter Timestamp(string name, DateTime? value)
        => new(name, NpgsqlDbType.TimestampTz) { Value = value is { } v ? DateTime.SpecifyKind(v, DateTimeKind.Utc) : DBNull.Value };
}

/// <summary>Who disabled a subscription: the reason recorded and whether it is told follow from it.</summary>
internal enum DisableCause
{
    /// <summary>The endpoint answered <c>410 Gone</c>.</summary>
    Gone410,

    /// <summary>The health monitor: failing for longer than the auto-disable period.</summary>
    Health,

    /// <summary>A user switched it off.</summary>
    User,

    /// <summary>A user deleted it.</summary>
    Deleted,
}
