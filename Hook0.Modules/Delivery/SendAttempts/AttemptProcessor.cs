using System.Text.Json;
using Hook0.Modules.Delivery.Sending.Retrying;
using Hook0.Modules.Kernel.Live;
using Hook0.Modules.Kernel.Observability;
using Npgsql;

namespace Hook0.Modules.Delivery.SendAttempts;

/// <summary>Delivers one claimed attempt, decides what follows, and records both.</summary>
internal sealed class AttemptProcessor(AttemptSender sender, RetryDecider decider, AttemptRecorder recorder, NpgsqlDataSource db, TimeProvider time, ILiveUpdates live)
{
    public async Task ProcessAsync(ClaimedAttempt attempt, CancellationToken cancellationToken)
    {
        if (!attempt.SubscriptionLive)
        {
            // Disabled or deleted after this attempt was created: nothing is sent, nothing retried.
            await AttemptRecordSql.RecordAsync(db, attempt, null, new AttemptVerdict(null, "subscription_gone", false), null, time.GetUtcNow(), cancellationToken);
            live.Publish(attempt.ApplicationId, LiveTopic.Attempts);
            return;
        }

        var outcome = await sender.SendAsync(attempt, cancellationToken);
        var verdict = outcome.Succeeded ? new AttemptVerdict(null, null, false) : Decide(attempt, outcome);
        var headers = outcome.Headers is null ? null : JsonSerializer.Serialize(outcome.Headers);
        // Successes (the bulk) are recorded in groups; failures keep the single statement, which also
        // writes their health facts and operational events.
        var recorded = outcome.Succeeded && !verdict.DisableSubscription
            ? await recorder.RecordAsync(new RecordedTry(attempt, outcome, verdict, headers))
            : await AttemptRecordSql.RecordAsync(db, attempt, outcome, verdict, headers, time.GetUtcNow(), CancellationToken.None);
        if (recorded)
        {
            Count(outcome, verdict);
            live.Publish(attempt.ApplicationId, verdict.DisableSubscription ? LiveTopic.Attempts | LiveTopic.Subscriptions : LiveTopic.Attempts);
        }
    }

    private static void Count(DeliveryOutcome outcome, AttemptVerdict verdict)
    {
        Hook0Metrics.AttemptsCompleted.Add(1,
            new KeyValuePair<string, object?>("outcome", outcome.Succeeded ? "succeeded" : "failed"),
            new KeyValuePair<string, object?>("error", outcome.ErrorName ?? "none"));
        Hook0Metrics.DeliveryDuration.Record(outcome.ElapsedMs);
        if (verdict.GiveUpReason is { } reason)
        {
            Hook0Metrics.DeadLetters.Add(1, new KeyValuePair<string, object?>("reason", reason));
        }
    }

    private AttemptVerdict Decide(ClaimedAttempt attempt, DeliveryOutcome outcome)
    {
        var policy = attempt.RetryPolicyJson is null ? null : JsonSerializer.Deserialize<SubscriptionRetryPolicy>(attempt.RetryPolicyJson);
        return decider.Decide(new FailedAttempt(attempt.RetryCount, outcome.ErrorName!, outcome.HttpCode, outcome.RetryAfter, policy)) switch
        {
            RetryDecision.Retry retry => new AttemptVerdict(retry.Delay, null, false),
            RetryDecision.GiveUp giveUp => new AttemptVerdict(null, giveUp.Code, giveUp.Reason == GiveUpReason.Gone410),
            _ => throw new InvalidOperationException("Unknown retry decision."),
        };
    }
}
