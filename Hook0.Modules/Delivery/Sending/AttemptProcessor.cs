using System.Text.Json;
using Hook0.Modules.Delivery.Lifecycle;
using Hook0.Modules.Delivery.Sending.Retrying;
using Hook0.Modules.Kernel.Live;
using Hook0.Modules.Kernel.Observability;

namespace Hook0.Modules.Delivery.Sending;

/// <summary>Delivers one claimed attempt, decides what follows, and has the lifecycle record both.</summary>
internal sealed class AttemptProcessor(IEnumerable<IDeliveryTarget> targets, RetryDecider decider, AttemptRecorder recorder, AttemptLifecycle lifecycle, ILiveUpdates live)
{
    private readonly Dictionary<string, IDeliveryTarget> _targets = targets.ToDictionary(t => t.Type, StringComparer.Ordinal);

    public async Task ProcessAsync(ClaimedAttempt attempt, CancellationToken cancellationToken)
    {
        if (!attempt.SubscriptionLive)
        {
            // Disabled or deleted after this attempt was queued (a disable cancels what it sees queued; this one raced it).
            await lifecycle.CancelAsync(attempt, CancelReason.SubscriptionDisabled, cancellationToken);
            live.Publish(attempt.ApplicationId, LiveTopic.Attempts);
            return;
        }

        var outcome = await _targets[attempt.TargetType].SendAsync(attempt, cancellationToken);
        var verdict = outcome.Succeeded ? AttemptVerdict.Succeeded : Decide(attempt, outcome);
        var headers = outcome.Headers is null ? null : JsonSerializer.Serialize(outcome.Headers);
        // Successes (the bulk) are recorded in groups; failures take the single statement, which also writes their
        // health facts and operational events, and feeds the lane's breaker and adaptive rate, as does a success on a
        // lane where either is engaged.
        var recorded = outcome.Succeeded && !attempt.Watched
            ? await recorder.RecordAsync(new RecordedTry(attempt, outcome, headers))
            : await lifecycle.RecordAsync(attempt, outcome, verdict, headers, CancellationToken.None);
        if (recorded)
        {
            Count(outcome, verdict);
            live.Publish(attempt.ApplicationId, verdict.DisablesSubscription ? LiveTopic.Attempts | LiveTopic.Subscriptions : LiveTopic.Attempts);
        }
    }

    private static void Count(DeliveryOutcome outcome, AttemptVerdict verdict)
    {
        Hook0Metrics.AttemptsCompleted.Add(1,
            new KeyValuePair<string, object?>("outcome", outcome.Succeeded ? "succeeded" : "failed"),
            new KeyValuePair<string, object?>("error", outcome.ErrorName ?? "none"));
        Hook0Metrics.DeliveryDuration.Record(outcome.ElapsedMs);
        if (verdict.ReasonSpelling is { } reason)
        {
            Hook0Metrics.DeadLetters.Add(1, new KeyValuePair<string, object?>("reason", reason));
        }
    }

    private AttemptVerdict Decide(ClaimedAttempt attempt, DeliveryOutcome outcome)
        => decider.Decide(new FailedAttempt(attempt.AttemptNumber, outcome.ErrorName!, outcome.HttpCode, outcome.RetryAfter, attempt.RetryPolicy)) switch
        {
            RetryDecision.Retry retry => new AttemptVerdict(AttemptOutcome.Retried, retry.Delay, null),
            RetryDecision.GiveUp giveUp => new AttemptVerdict(AttemptOutcome.GivenUp, null, giveUp.Reason),
            _ => throw new InvalidOperationException("Unknown retry decision."),
        };
}
