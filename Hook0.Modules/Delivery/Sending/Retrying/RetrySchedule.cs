namespace Hook0.Modules.Delivery.Sending.Retrying;

/// <summary>Delay before the next try, from the instance schedule or a subscription's own policy.</summary>
internal sealed class RetrySchedule
{
    /// <summary>Base delays indexed by the failed attempt's retry_count; the last one repeats.</summary>
    public static readonly IReadOnlyList<TimeSpan> InstanceDelays =
    [
        TimeSpan.FromSeconds(3),
        TimeSpan.FromSeconds(10),
        TimeSpan.FromMinutes(3),
        TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(1),
        TimeSpan.FromHours(3),
        TimeSpan.FromHours(5),
        TimeSpan.FromHours(10),
    ];

    // A jitter narrower than this cannot spread a burst of same-second failures.
    private static readonly TimeSpan MinimumJitterWidth = TimeSpan.FromSeconds(2);

    private readonly RetryOptions _options;
    private readonly Random _random;

    /// <remarks><paramref name="random"/> is the jitter source: <see cref="Random.Shared"/> outside tests.</remarks>
    public RetrySchedule(RetryOptions options, Random random)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(random);
        _options = options;
        _random = random;
    }

    /// <summary>How many retries follow the first delivery.</summary>
    public int MaxRetries(SubscriptionRetryPolicy? policy) => policy?.MaxRetries ?? _options.MaxRetries;

    /// <summary>Base delay after a failure of the attempt with <paramref name="retryCount"/>, before jitter.</summary>
    public static TimeSpan BaseDelay(int retryCount, SubscriptionRetryPolicy? policy)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(retryCount);
        return policy is null
            ? InstanceDelays[Math.Min(retryCount, InstanceDelays.Count - 1)]
            : policy.BaseDelay(retryCount);
    }

    /// <summary>Base delay plus a uniform share of the jitter width; jitter only ever lengthens a delay.</summary>
    public TimeSpan NextDelay(int retryCount, SubscriptionRetryPolicy? policy)
    {
        var baseDelay = BaseDelay(retryCount, policy);
        var width = JitterWidth(baseDelay);
        // Truncating the product keeps the delay strictly below base + width, as uniform [0, 1) promises.
        var jitter = TimeSpan.FromTicks((long)(width.Ticks * _random.NextDouble()));
        return TruncateToMicroseconds(baseDelay + jitter);
    }

    /// <summary>Delays end up in PostgreSQL timestamps, which hold microseconds.</summary>
    public static TimeSpan TruncateToMicroseconds(TimeSpan delay) =>
        TimeSpan.FromTicks(delay.Ticks - (delay.Ticks % TimeSpan.TicksPerMicrosecond));

    /// <summary>clamp(ratio × base, 2 s, max spread); zero when jitter is disabled.</summary>
    public TimeSpan JitterWidth(TimeSpan baseDelay)
    {
        if (_options.JitterRatio <= 0 || _options.JitterMaxSpread <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        var proportional = baseDelay * _options.JitterRatio;
        var atLeastMinimum = proportional < MinimumJitterWidth ? MinimumJitterWidth : proportional;
        return atLeastMinimum > _options.JitterMaxSpread ? _options.JitterMaxSpread : atLeastMinimum;
    }
}
