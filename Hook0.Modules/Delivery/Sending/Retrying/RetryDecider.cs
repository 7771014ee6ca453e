using Hook0.Modules.Delivery.Sending.Errors;

namespace Hook0.Modules.Delivery.Sending.Retrying;

/// <summary>Decides whether and when a failed attempt is tried again (reference §5.5).</summary>
internal sealed class RetryDecider
{
    private const int TooManyRequests = 429;
    private const int Gone = 410;
    private const int ServiceUnavailable = 503;

    private readonly RetrySchedule _schedule;
    private readonly RetryOptions _options;
    private readonly TimeProvider _time;

    public RetryDecider(RetrySchedule schedule, RetryOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _schedule = schedule;
        _options = options;
        _time = time;
    }

    public RetryDecision Decide(FailedAttempt failure)
    {
        ArgumentNullException.ThrowIfNull(failure);

        if (failure.ErrorCode == DeliveryErrorCodes.InvalidHeader)
        {
            return new RetryDecision.GiveUp(GiveUpReason.InvalidHeader);
        }

        if (failure.ErrorCode == DeliveryErrorCodes.Http && failure.StatusCode == Gone)
        {
            return new RetryDecision.GiveUp(GiveUpReason.Gone410);
        }

        if (failure.RetryCount >= _schedule.MaxRetries(failure.Policy))
        {
            return new RetryDecision.GiveUp(GiveUpReason.Exhausted);
        }

        var delay = _schedule.NextDelay(failure.RetryCount, failure.Policy);

        // The receiver's hint can only lengthen the wait, and never changes how many tries are left.
        if (failure.ErrorCode == DeliveryErrorCodes.Http
            && failure.StatusCode is TooManyRequests or ServiceUnavailable
            && RetryAfterParser.Parse(failure.RetryAfter, _time.GetUtcNow(), _options.RetryAfterCap) is { } hint
            && hint > delay)
        {
            delay = RetrySchedule.TruncateToMicroseconds(hint);
        }

        return new RetryDecision.Retry(delay);
    }
}
