using Hook0.Modules.Delivery.OperationalEvents;
using Hook0.Modules.Delivery.Protection;
using Npgsql;
using NpgsqlTypes;

namespace Hook0.Modules.Delivery.Lifecycle;

/// <summary>
/// The lane's circuit and adaptive rate, read under the lane's row lock and written back in the caller's transaction
/// (the one recording the try), so instances agree: two failures recorded at once are counted twice, never once. The
/// rules are <see cref="LaneFeedback"/>'s; here the lane also changes path: metered while its circuit is open or its rate
/// reduced, back to the open path when neither holds and it has no limit, its queued rows moved in the same statement
/// (rows an ingest queues open meanwhile are handed over by the open claim, as for any lane that became metered). An opening and a closing queue their
/// operational events in the outbox.
/// </summary>
internal static class LaneFeedbackSql
{
    // The time is taken once the lock is held (clock_timestamp() above the locked subquery), not at the transaction's
    // start: a record that waited a second for the lane must not date its change a second back (the bench saw the
    // adaptive rate jump by the waits).
    private const string ReadSql = """
        SELECT l.*, clock_timestamp() AS now
        FROM (SELECT circuit_state, consecutive_failures, circuit_opens, circuit_changed_at, circuit_reason, held_until,
                     adaptive_rate_per_second, adaptive_changed_at, adaptive_decreased_at, paused, max_concurrency, rate_limit_per_second, metered
              FROM webhook.delivery_lane WHERE subscription_id = @id
              FOR UPDATE) l
        """;

    private const string WriteSql = """
        WITH lane AS (
            UPDATE webhook.delivery_lane
            SET circuit_state = @circuit_state, consecutive_failures = @failures, circuit_opens = @opens, circuit_changed_at = @changed_at,
                circuit_reason = @reason, held_until = @held_until, adaptive_rate_per_second = @rate, adaptive_changed_at = @rate_changed_at,
                adaptive_decreased_at = @rate_decreased_at, metered = @metered,
                unmetered_at = CASE WHEN metered AND NOT @metered THEN now() ELSE unmetered_at END
            WHERE subscription_id = @id
            RETURNING subscription_id
        ), moved AS (
            -- A change of path moves the lane's queued rows with it, as LaneSql does (the retry just queued by this
            -- transaction's record included): off the open path while the circuit is open or the rate reduced, back on it after.
            -- Rows locked by a concurrent record are skipped (waiting could deadlock with it): its retry, queued by the
            -- lane it read, is repaired by the claims like any row that raced a change of path.
            UPDATE webhook.delivery_queue q SET metered = @metered
            WHERE q.ctid IN (SELECT x.ctid FROM webhook.delivery_queue x JOIN lane ON x.subscription_id = lane.subscription_id
                             WHERE @metered <> @was_metered AND x.metered <> @metered FOR UPDATE OF x SKIP LOCKED)
        ), told AS (
            INSERT INTO webhook.operational_event (operational_event_id, event_type, application_id, subscription_id, data, occurred_at)
            SELECT webhook.uuid_v7(), @event_type, s.application_id, s.subscription_id,
                   jsonb_build_object('subscription_id', s.subscription_id, 'application_id', s.application_id, 'description', s.description,
                                      'target_url', s.target_url, 'reason', @event_reason, 'consecutive_failures', @failures,
                                      'next_probe_at', @held_until, 'at', now() + @skew),
                   now() + @skew
            FROM webhook.subscription s JOIN lane ON lane.subscription_id = s.subscription_id
            WHERE @event_type IS NOT NULL
        )
        SELECT count(*) FROM lane
        """;

    /// <summary>The lane's state under its row lock (null when the subscription has no lane: deleted meanwhile).</summary>
    public static async Task<LaneProtection?> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid subscriptionId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(ReadSql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<Guid>("id", subscriptionId));
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        if (!await r.ReadAsync(cancellationToken))
        {
            return null;
        }

        DateTime? Time(int i) => r.IsDBNull(i) ? null : r.GetDateTime(i);
        var open = !r.IsDBNull(0);
        var held = Time(5);
        var circuit = new CircuitState(open, r.GetInt32(1), r.GetInt32(2), Time(3), open ? held : null, r.IsDBNull(4) ? null : r.GetString(4));
        var rate = new AdaptiveRateState(r.IsDBNull(6) ? null : r.GetDouble(6), Time(7), Time(8));
        return new LaneProtection(circuit, rate, held, r.GetBoolean(9), r.IsDBNull(10) ? null : r.GetInt32(10), r.IsDBNull(11) ? null : r.GetInt32(11),
            r.GetBoolean(12), r.GetDateTime(13));
    }

    /// <summary>Writes the lane's new state; <paramref name="eventType"/> queues an operational event with it.</summary>
    public static async Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid subscriptionId, LaneProtection before, LaneProtection after,
        string? eventType, string? eventReason, TimeSpan skew, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(WriteSql, connection, transaction);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<Guid>("id", subscriptionId));
        p.Add(Text("circuit_state", after.Circuit.IsOpen ? CircuitPhases.Stored : null));
        p.Add(new NpgsqlParameter<int>("failures", after.Circuit.ConsecutiveFailures));
        p.Add(new NpgsqlParameter<int>("opens", after.Circuit.Opens));
        p.Add(Timestamp("changed_at", after.Circuit.ChangedAt));
        p.Add(Text("reason", after.Circuit.Reason));
        p.Add(Timestamp("held_until", after.HeldUntil));
        p.Add(new NpgsqlParameter("rate", NpgsqlDbType.Double) { Value = (object?)after.Rate.Rate ?? DBNull.Value });
        p.Add(Timestamp("rate_changed_at", after.Rate.ChangedAt));
        p.Add(Timestamp("rate_decreased_at", after.Rate.DecreasedAt));
        p.Add(new NpgsqlParameter<bool>("metered", after.NeedsMetering));
        p.Add(new NpgsqlParameter<bool>("was_metered", before.Metered));
        p.Add(Text("event_type", eventType));
        p.Add(Text("event_reason", eventReason));
        p.Add(new NpgsqlParameter<TimeSpan>("skew", skew));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The operational event a circuit change tells.</summary>
    public static string? EventOf(CircuitChange change) => change switch
    {
        CircuitChange.Opened => OperationalEventTypes.CircuitOpened,
        CircuitChange.Closed => OperationalEventTypes.CircuitClosed,
        _ => null,
    };

    private static NpgsqlParameter Text(string name, string? value) => new(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value };

    private static NpgsqlParameter Timestamp(string name, DateTime? value)
        => new(name, NpgsqlDbType.TimestampTz) { Value = value is { } v ? DateTime.SpecifyKind(v, DateTimeKind.Utc) : DBNull.Value };
}
