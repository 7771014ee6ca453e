using Hook0.Modules.Delivery.Contracts;

namespace Hook0.Modules.Dashboard.Logs;

/// <summary>One moment in an attempt's life; <see cref="AttemptId"/> links to another attempt (the retry).</summary>
/// <param name="Kind">What happened (<c>created</c>, <c>waiting</c>, <c>picked</c>, …): the page's test hook.</param>
/// <param name="Title">What the user reads.</param>
/// <param name="At">When it happened, or is due.</param>
/// <param name="Detail">A line of explanation.</param>
/// <param name="AttemptId">Another attempt it links to (the retry).</param>
/// <param name="Future">Not happened yet (drawn faded).</param>
/// <param name="ScheduledAt">When the step was scheduled, shown before <see cref="Detail"/> (an instant, so the page writes it in the user's zone).</param>
public sealed record TimelineStep(string Kind, string Title, DateTime? At, string? Detail = null, Guid? AttemptId = null, bool Future = false, DateTime? ScheduledAt = null);

/// <summary>
/// An attempt's story: created, waited, picked by a worker, answered or failed, then the retry that
/// followed it (the next attempt of the same event to the same subscription), or why none did.
/// </summary>
public static class AttemptTimeline
{
    /// <param name="attempt">The attempt shown.</param>
    /// <param name="siblings">Attempts of the same event to the same subscription (the attempt itself may be among them).</param>
    /// <param name="httpStatus">The answer's status, when there was one.</param>
    /// <param name="now">To tell a wait still running from one that ended.</param>
    public static IReadOnlyList<TimelineStep> Build(RequestAttemptDto attempt, IEnumerable<RequestAttemptDto> siblings, int? httpStatus, DateTime now)
    {
        var steps = new List<TimelineStep>
        {
            new("created", $"Created ({TryLabel.Of(attempt.RetryCount)})", attempt.CreatedAt),
        };
        if (attempt.DelayUntil is { } until && until > attempt.CreatedAt)
        {
            var waiting = attempt.PickedAt is null && until > now;
            steps.Add(new("waiting", waiting ? "Waiting until" : "Waited until", until, "Due after the retry delay", Future: waiting));
        }

        if (attempt.PickedAt is { } picked)
        {
            steps.Add(new("picked", "Picked by a worker", picked, "The request was sent"));
        }

        if (attempt.SucceededAt is { } succeeded)
        {
            steps.Add(new("answered", "Answered", succeeded, httpStatus is { } s ? $"HTTP {s}" : null));
        }
        else if (attempt.FailedAt is { } failed)
        {
            steps.Add(new("failed", "Failed", failed, httpStatus is { } s ? $"HTTP {s}" : "No HTTP answer"));
        }

        var next = siblings
            .Where(s => s.RequestAttemptId != attempt.RequestAttemptId && s.Subscription.SubscriptionId == attempt.Subscription.SubscriptionId
                        && (s.CreatedAt > attempt.CreatedAt || (s.CreatedAt == attempt.CreatedAt && s.RetryCount > attempt.RetryCount)))
            .OrderBy(s => s.CreatedAt).ThenBy(s => s.RetryCount)
            .FirstOrDefault();
        if (next is not null)
        {
            var due = next.DelayUntil is { } d && d > next.CreatedAt ? d : next.CreatedAt;
            var title = next.RetryCount == 0 ? "Sent again by hand" : $"Next retry (#{next.RetryCount})";
            steps.Add(new("next-retry", title, due, $"now {AttemptBadge.Of(next.Status).Label.ToLowerInvariant()}",
                next.RequestAttemptId, Future: due > now, ScheduledAt: next.CreatedAt));
        }
        else if (attempt.FailedAt is not null)
        {
            steps.Add(new("no-retry", "No retry", null, "Not retried: the retries were used up, the failure cannot be retried, or the subscription is gone. It may be in the dead letters."));
        }

        return steps;
    }
}
