using Hook0.Modules.Kernel.Live;
using Hook0.Modules.Kernel.Periodic;
using Hook0.Modules.Delivery.Lifecycle;
using Hook0.Modules.Delivery.OperationalEvents;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Hook0.Modules.Delivery.Health;

/// <summary>
/// Turns the health facts the workers record (first failure of a run, latest failure, latest recovery)
/// into states and transitions, on one instance at a time (advisory lock). Each subscription's change is
/// written only if its facts are still those it was decided from, so a transition happens exactly once
/// however deliveries and monitors interleave. Times are the database clock's (see <see cref="HealthClock"/>);
/// an automatic disable goes through the lifecycle's one disabling path.
/// </summary>
internal sealed partial class HealthMonitor(NpgsqlDataSource db, AttemptLifecycle lifecycle, IOptions<HealthOptions> options, TimeProvider time, ILiveUpdates live,
    ILogger<HealthMonitor> logger)
    : PeriodicJob<IReadOnlyList<(Guid SubscriptionId, HealthChange Change)>>(db, time, logger)
{
    public override string Name => "health monitor";

    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.Value.MonitorPeriodSeconds);

    protected override long? AdvisoryLockId => AdvisoryLocks.HealthMonitor;

    // As before this base existed: the first evaluation comes one period after start.
    protected override bool RunsAtStart => false;

    protected override IReadOnlyList<(Guid SubscriptionId, HealthChange Change)> Skipped => [];

    private const string CandidatesSql = """
        SELECT subscription_id, health_state, failing_since, last_failed_at, recovered_at, health_changed_at, application_id
        FROM webhook.subscription
        WHERE deleted_at IS NULL AND is_enabled AND (failing_since IS NOT NULL OR health_state <> 'healthy')
        """;

    private const string ApplySql = """
        UPDATE webhook.subscription
        SET health_state = @to, health_reason = @reason, health_changed_at = now() + @skew
        WHERE subscription_id = @id AND is_enabled AND deleted_at IS NULL AND health_state = @from
          AND failing_since IS NOT DISTINCT FROM @failing_since AND last_failed_at IS NOT DISTINCT FROM @last_failed_at
          AND recovered_at IS NOT DISTINCT FROM @recovered_at
        """;

    private const string TransitionSql = """
        INSERT INTO webhook.subscription_health_transition (health_transition_id, subscription_id, from_state, to_state, reason, occurred_at)
        VALUES (webhook.uuid_v7(), @id, @from, @to, @reason, now() + @skew)
        """;

    /// <summary>Evaluates every subscription with something to decide; answers the transitions made.</summary>
    protected override async Task<IReadOnlyList<(Guid SubscriptionId, HealthChange Change)>> RunAsync(NpgsqlConnection? lockHolder, CancellationToken cancellationToken)
    {
        var connection = lockHolder!; // this job has a lock: its run gets the connection holding it
        var made = new List<(Guid, HealthChange)>();
        var o = options.Value;
        foreach (var (id, applicationId, facts) in await ReadCandidatesAsync(connection, cancellationToken))
        {
            var changes = HealthRules.Evaluate(facts, TimeSpan.FromSeconds(o.FailingAfterSeconds), TimeSpan.FromSeconds(o.AutoDisableAfterSeconds));
            if (changes.Count > 0 && await ApplyAsync(connection, id, facts, changes, cancellationToken))
            {
                made.AddRange(changes.Select(c => (id, c)));
                live.Publish(applicationId, LiveTopic.Subscriptions | LiveTopic.Attempts);
            }
        }

        return made;
    }

    private static async Task<List<(Guid, Guid, HealthFacts)>> ReadCandidatesAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(CandidatesSql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var candidates = new List<(Guid, Guid, HealthFacts)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            candidates.Add((reader.GetGuid(0), reader.GetGuid(6), new HealthFacts(reader.GetString(1), true, Nullable(reader, 2), Nullable(reader, 3), Nullable(reader, 4), Nullable(reader, 5))));
        }

        return candidates;
    }

    private async Task<bool> ApplyAsync(NpgsqlConnection connection, Guid id, HealthFacts facts, IReadOnlyList<HealthChange> changes, CancellationToken cancellationToken)
    {
        var skew = lifecycle.Skew;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var change in changes)
        {
            // Each step is guarded by the facts it was decided from (with the state the previous step left).
            var guard = facts with { State = change.From };
            if (change.To == HealthStates.Disabled)
            {
                if (!(await lifecycle.DisableSubscriptionAsync(connection, transaction, id, DisableCause.Health, change.Reason, guard, cancellationToken)).Switched)
                {
                    return false; // a delivery changed the facts meanwhile: decided again at the next tick
                }

                LogDisabled(Logger, id, change.Reason);
                continue;
            }

            await using (var apply = new NpgsqlCommand(ApplySql, connection, transaction))
            {
                apply.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
                apply.Parameters.Add(new NpgsqlParameter<string>("from", change.From));
                apply.Parameters.Add(new NpgsqlParameter<string>("to", change.To));
                apply.Parameters.Add(new NpgsqlParameter<string>("reason", change.Reason));
                apply.Parameters.Add(new NpgsqlParameter<TimeSpan>("skew", skew));
                apply.Parameters.Add(Timestamp("failing_since", facts.FailingSince));
                apply.Parameters.Add(Timestamp("last_failed_at", facts.LastFailedAt));
                apply.Parameters.Add(Timestamp("recovered_at", facts.RecoveredAt));
                if (await apply.ExecuteNonQueryAsync(cancellationToken) == 0)
                {
                    return false; // a delivery changed the facts meanwhile: decided again at the next tick
                }
            }

            await using var insert = new NpgsqlCommand(TransitionSql, connection, transaction);
            insert.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
            insert.Parameters.Add(new NpgsqlParameter<string>("from", change.From));
            insert.Parameters.Add(new NpgsqlParameter<string>("to", change.To));
            insert.Parameters.Add(new NpgsqlParameter<string>("reason", change.Reason));
            insert.Parameters.Add(new NpgsqlParameter<TimeSpan>("skew", skew));
            await insert.ExecuteNonQueryAsync(cancellationToken);
            // Its operational event, in the same transaction: told exactly when the transition is made.
            await OperationalOutbox.TransitionAsync(connection, transaction, id, change.From, change.To, change.Reason, facts.FailingSince, skew, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static DateTime? Nullable(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDateTime(ordinal);

    private static NpgsqlParameter Timestamp(string name, DateTime? value)
        => new(name, NpgsqlTypes.NpgsqlDbType.TimestampTz) { Value = value is { } v ? DateTime.SpecifyKind(v, DateTimeKind.Utc) : DBNull.Value };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscription {SubscriptionId} disabled automatically: {Reason}")]
    private static partial void LogDisabled(ILogger logger, Guid subscriptionId, string reason);
}
