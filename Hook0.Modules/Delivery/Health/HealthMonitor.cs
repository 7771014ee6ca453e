using Hook0.Modules.Kernel.Live;
using Hook0.Modules.Delivery.OperationalEvents;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Hook0.Modules.Delivery.Health;

/// <summary>
/// Turns the health facts the workers record (first failure of a run, latest failure, latest recovery)
/// into states and transitions, on one instance at a time (advisory lock). Each subscription's change is
/// written only if its facts are still those it was decided from, so a transition happens exactly once
/// however deliveries and monitors interleave.
/// </summary>
internal sealed partial class HealthMonitor(NpgsqlDataSource db, IOptions<HealthOptions> options, TimeProvider time, ILiveUpdates live, ILogger<HealthMonitor> logger)
    : BackgroundService
{
    // "hook0hm" in ASCII: distinct from the migrator's and housekeeping's locks.
    private const long AdvisoryLockKey = 0x686F6F6B30686D;

    private const string CandidatesSql = """
        SELECT subscription_id, health_state, failing_since, last_failed_at, recovered_at, health_changed_at, application_id
        FROM webhook.subscription
        WHERE deleted_at IS NULL AND is_enabled AND (failing_since IS NOT NULL OR health_state <> 'healthy')
        """;

    private const string ApplySql = """
        UPDATE webhook.subscription
        SET health_state = @to, health_reason = @reason, health_changed_at = @now,
            is_enabled = is_enabled AND @to <> 'disabled',
            failing_since = CASE WHEN @to = 'disabled' THEN NULL ELSE failing_since END,
            updated_at = CASE WHEN @to = 'disabled' THEN now() ELSE updated_at END
        WHERE subscription_id = @id AND is_enabled AND deleted_at IS NULL AND health_state = @from
          AND failing_since IS NOT DISTINCT FROM @failing_since AND last_failed_at IS NOT DISTINCT FROM @last_failed_at
          AND recovered_at IS NOT DISTINCT FROM @recovered_at
        """;

    private const string TransitionSql = """
        INSERT INTO webhook.subscription_health_transition (health_transition_id, subscription_id, from_state, to_state, reason, occurred_at)
        VALUES (webhook.uuid_v7(), @id, @from, @to, @reason, @now)
        """;

    private const string CancelSql = """
        UPDATE webhook.request_attempt SET failed_at = now(), give_up_reason = 'subscription_disabled', lease_until = NULL
        WHERE subscription_id = @id AND succeeded_at IS NULL AND failed_at IS NULL
        """;

    /// <summary>Evaluates every subscription with something to decide; answers the transitions made.</summary>
    public async Task<IReadOnlyList<(Guid SubscriptionId, HealthChange Change)>> EvaluateAsync(CancellationToken cancellationToken)
    {
        var made = new List<(Guid, HealthChange)>();
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using (var tryLock = new NpgsqlCommand($"SELECT pg_try_advisory_lock({AdvisoryLockKey})", connection))
        {
            if (await tryLock.ExecuteScalarAsync(cancellationToken) is not true)
            {
                return made; // another instance is evaluating
            }
        }

        try
        {
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
        }
        finally
        {
            await using var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({AdvisoryLockKey})", connection);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }

        return made;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.MonitorPeriodSeconds), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await EvaluateAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
        }
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
        var now = time.GetUtcNow().UtcDateTime;
        var final = changes[^1];
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var apply = new NpgsqlCommand(ApplySql, connection, transaction))
        {
            apply.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
            apply.Parameters.Add(new NpgsqlParameter<string>("from", facts.State));
            apply.Parameters.Add(new NpgsqlParameter<string>("to", final.To));
            apply.Parameters.Add(new NpgsqlParameter<string>("reason", final.Reason));
            apply.Parameters.Add(new NpgsqlParameter<DateTime>("now", now));
            apply.Parameters.Add(Timestamp("failing_since", facts.FailingSince));
            apply.Parameters.Add(Timestamp("last_failed_at", facts.LastFailedAt));
            apply.Parameters.Add(Timestamp("recovered_at", facts.RecoveredAt));
            if (await apply.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return false; // a delivery changed the facts meanwhile: decided again at the next tick
            }
        }

        foreach (var change in changes)
        {
            await using var insert = new NpgsqlCommand(TransitionSql, connection, transaction);
            insert.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
            insert.Parameters.Add(new NpgsqlParameter<string>("from", change.From));
            insert.Parameters.Add(new NpgsqlParameter<string>("to", change.To));
            insert.Parameters.Add(new NpgsqlParameter<string>("reason", change.Reason));
            insert.Parameters.Add(new NpgsqlParameter<DateTime>("now", now));
            await insert.ExecuteNonQueryAsync(cancellationToken);
            // Its operational event, in the same transaction: told exactly when the transition is made.
            await OperationalOutbox.TransitionAsync(connection, transaction, id, change.From, change.To, change.Reason, facts.FailingSince, now, cancellationToken);
        }

        if (final.To == HealthStates.Disabled)
        {
            // As upstream's disable: undelivered work is failed, not kept for a re-enable.
            await using var cancel = new NpgsqlCommand(CancelSql, connection, transaction);
            cancel.Parameters.Add(new NpgsqlParameter<Guid>("id", id));
            await cancel.ExecuteNonQueryAsync(cancellationToken);
            LogDisabled(logger, id, final.Reason);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static DateTime? Nullable(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDateTime(ordinal);

    private static NpgsqlParameter Timestamp(string name, DateTime? value)
        => new(name, NpgsqlTypes.NpgsqlDbType.TimestampTz) { Value = value is { } v ? DateTime.SpecifyKind(v, DateTimeKind.Utc) : DBNull.Value };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscription {SubscriptionId} disabled automatically: {Reason}")]
    private static partial void LogDisabled(ILogger logger, Guid subscriptionId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Health evaluation failed; will retry at the next tick")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
