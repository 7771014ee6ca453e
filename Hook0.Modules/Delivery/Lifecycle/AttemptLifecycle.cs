using Hook0.Modules.Delivery.Health;
using Hook0.Modules.Delivery.Protection;
using Hook0.Modules.Delivery.Sending;
using Hook0.Modules.Kernel.Contracts;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Hook0.Modules.Delivery.Lifecycle;

/// <summary>
/// The one owner of an attempt's life and of its subscription's switch (ADR 0016): scheduled, claimed, succeeded,
/// failed and retried, given up, cancelled, dead-letter retried; and the one disabling path. Each transition is one
/// statement in its own SQL file of this folder, on the database clock; nothing else in the product writes the queue,
/// the lanes or the history.
/// </summary>
internal sealed class AttemptLifecycle(NpgsqlDataSource db, ClaimDataSource claims, HealthClock clock, IOptions<ProtectionOptions> protection)
{
    /// <summary>The database clock's shift for this instance's statements (zero in production, see <see cref="HealthClock"/>).</summary>
    public TimeSpan Skew => clock.Skew;

    /// <summary>Scheduled: queues the attempts of the events' matching subscriptions, inside the ingesting transaction.</summary>
    public static Task<int> ScheduleAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<DispatchedEvent> events, string instance,
        Guid? onlySubscription, CancellationToken cancellationToken)
        => ScheduleSql.ExecuteAsync(connection, transaction, events, instance, onlySubscription, cancellationToken);

    /// <summary>Claimed: attempts of subscriptions with no limit (the open path).</summary>
    public Task<List<ClaimedAttempt>> ClaimOpenAsync(int batch, int leaseSeconds, string worker, CancellationToken cancellationToken)
        => ClaimSql.OpenAsync(claims.DataSource, batch, leaseSeconds, worker, cancellationToken);

    /// <summary>Claimed: attempts of paused-or-limited subscriptions, within their limits (the metered path: the one place limits are applied).</summary>
    public Task<List<ClaimedAttempt>> ClaimMeteredAsync(int batch, int leaseSeconds, string worker, CancellationToken cancellationToken)
        => ClaimSql.MeteredAsync(claims.DataSource, batch, leaseSeconds, worker, cancellationToken);

    /// <summary>Claimed: attempts of the cli subscriptions whose listeners this instance holds, one per listener.</summary>
    public Task<List<ClaimedAttempt>> ClaimCliAsync(IReadOnlyCollection<Guid> subscriptions, int leaseSeconds, string worker, CancellationToken cancellationToken)
        => ClaimCliSql.ClaimAsync(claims.DataSource, subscriptions, leaseSeconds, worker, cancellationToken);

    /// <summary>Released: claimed, never delivered (its listener left); due again as it was.</summary>
    public Task<bool> ReleaseAsync(ClaimedAttempt attempt, string worker, CancellationToken cancellationToken)
        => ReleaseSql.ReleaseAsync(db, attempt, worker, cancellationToken);

    /// <summary>Succeeded, in a group.</summary>
    public Task<HashSet<Guid>> RecordSucceededAsync(IReadOnlyList<RecordedTry> tries, CancellationToken cancellationToken)
        => RecordSql.RecordManyAsync(db, tries, Skew, cancellationToken);

    /// <summary>
    /// Succeeded, retried or given up, one attempt. A <c>410 Gone</c> also disables its subscription, through the one
    /// disabling path, in the same transaction. A failure, and a success on a lane whose circuit or rate is engaged
    /// (<see cref="ClaimedAttempt.Watched"/>), also feed the lane's breaker and adaptive rate in that transaction.
    /// </summary>
    public async Task<bool> RecordAsync(ClaimedAttempt attempt, DeliveryOutcome outcome, AttemptVerdict verdict, string? responseHeadersJson,
        CancellationToken cancellationToken)
    {
        var skew = Skew;
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var feedsLane = !outcome.Succeeded || attempt.Watched;
        if (!verdict.DisablesSubscription && !feedsLane)
        {
            return await RecordSql.RecordAsync(connection, null, attempt, outcome, verdict, verdict.ReasonSpelling, responseHeadersJson, skew, cancellationToken);
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // The lane is locked before the record touches the queue: every transaction that takes both (this one, a lane's
        // edit) takes them in that order, so two failures recorded at once wait for each other instead of deadlocking.
        var lane = verdict.DisablesSubscription ? null : await LaneFeedbackSql.ReadAsync(connection, transaction, attempt.SubscriptionId, cancellationToken);
        var recorded = await RecordSql.RecordAsync(connection, transaction, attempt, outcome, verdict, verdict.ReasonSpelling, responseHeadersJson, skew, cancellationToken);
        if (recorded && verdict.DisablesSubscription)
        {
            await SubscriptionSwitchSql.DisableAsync(connection, transaction, attempt.SubscriptionId, DisableCause.Gone410, "the endpoint answered 410 Gone", null, skew,
                cancellationToken);
        }
        else if (recorded && lane is not null)
        {
            var (after, change) = LaneFeedback.Apply(lane, outcome, attempt.CircuitBreakerThreshold, protection.Value);
            if (after != lane)
            {
                var reason = change == CircuitChange.Closed ? "a probe succeeded" : after.Circuit.Reason;
                await LaneFeedbackSql.WriteAsync(connection, transaction, attempt.SubscriptionId, lane, after, LaneFeedbackSql.EventOf(change), reason, skew,
                    cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return recorded;
    }

    /// <summary>
    /// A user closed the circuit by hand: the lane forgets its failures, openings, hold and reduced rate, and goes back to
    /// the open path unless a limit or a pause keeps it metered. Tells <c>circuit_closed</c> when it was open.
    /// </summary>
    /// <returns>False when the subscription has no lane.</returns>
    public async Task<bool> ResetProtectionAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid subscriptionId, CancellationToken cancellationToken)
    {
        if (await LaneFeedbackSql.ReadAsync(connection, transaction, subscriptionId, cancellationToken) is not { } lane)
        {
            return false;
        }

        var after = lane with { Circuit = CircuitState.Closed with { ChangedAt = lane.Circuit.IsOpen ? lane.Now : lane.Circuit.ChangedAt }, Rate = AdaptiveRateState.Unthrottled, HeldUntil = null };
        var change = lane.Circuit.IsOpen ? CircuitChange.Closed : CircuitChange.None;
        await LaneFeedbackSql.WriteAsync(connection, transaction, subscriptionId, lane, after, LaneFeedbackSql.EventOf(change), "reset by a user", Skew, cancellationToken);
        // What waited behind the circuit may go now: wake the workers at commit.
        await using var wake = new NpgsqlCommand("SELECT pg_notify('hook0_attempts', '')", connection, transaction);
        await wake.ExecuteNonQueryAsync(cancellationToken);
        return true;
    }

    /// <summary>Cancelled: the attempt's subscription was disabled or deleted after it was queued; nothing was sent.</summary>
    public async Task<bool> CancelAsync(ClaimedAttempt attempt, CancelReason reason, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        return await RecordSql.RecordAsync(connection, null, attempt, null, new AttemptVerdict(AttemptOutcome.Cancelled, null, null), AttemptSpelling.Of(reason),
            null, Skew, cancellationToken);
    }

    /// <summary>The one disabling path (410, health, a user's switch, a deletion), in the caller's transaction.</summary>
    public Task<(bool Switched, long Cancelled)> DisableSubscriptionAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid subscriptionId,
        DisableCause cause, string reason, HealthFacts? guard, CancellationToken cancellationToken)
        => SubscriptionSwitchSql.DisableAsync(connection, transaction, subscriptionId, cause, reason, guard, Skew, cancellationToken);

    public Task EnableSubscriptionAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid subscriptionId, string reason, CancellationToken cancellationToken)
        => SubscriptionSwitchSql.EnableAsync(connection, transaction, subscriptionId, reason, Skew, cancellationToken);

    /// <summary>Keeps the subscription's lane in step with its pause and limits (creating it with the subscription).</summary>
    public static Task SetLaneAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid applicationId, Guid subscriptionId, bool paused,
        int? maxConcurrency, int? rateLimitPerSecond, CancellationToken cancellationToken, bool cli = false)
        => LaneSql.SetAsync(connection, transaction, applicationId, subscriptionId, paused, maxConcurrency, rateLimitPerSecond, cancellationToken, cli);

    /// <summary>Cancelled: a deleted application's queued attempts.</summary>
    public static Task<long> CancelForApplicationAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid applicationId, CancellationToken cancellationToken)
        => CancelSql.ForApplicationAsync(connection, transaction, applicationId, cancellationToken);

    /// <summary>Dead letter retried.</summary>
    public Task<int> RequeueAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<DeadLetter> letters, CancellationToken cancellationToken)
        => RequeueSql.ExecuteAsync(connection, transaction, letters, Skew, cancellationToken);
}
