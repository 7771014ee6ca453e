using System.Threading.RateLimiting;

namespace Hook0.Modules.Kernel.RateLimiting;

/// <summary>
/// Turns upstream's "one token every N ms" (N may be fractional here) into .NET token bucket options.
/// A timer cannot tick every 0.2 ms, so the period is stretched to k·N ms (k = ⌈100 / N⌉, at most the
/// burst) with k tokens per period: the same rate, a period of about 100 ms or more, and never more
/// tokens per period than the bucket holds.
/// </summary>
internal static class TokenBucket
{
    /// <summary>The shortest replenishment period worth a timer tick.</summary>
    public static readonly TimeSpan ShortestPeriod = TimeSpan.FromMilliseconds(100);

    public static TokenBucketRateLimiterOptions Options(int burstSize, double replenishPeriodInMs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(burstSize, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(replenishPeriodInMs);
        var perPeriod = (int)Math.Clamp(Math.Ceiling(ShortestPeriod.TotalMilliseconds / replenishPeriodInMs), 1, burstSize);
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = burstSize,
            TokensPerPeriod = perPeriod,
            ReplenishmentPeriod = TimeSpan.FromTicks(Math.Max(1, (long)Math.Round(perPeriod * replenishPeriodInMs * TimeSpan.TicksPerMillisecond))),
            // Refused at once, never queued: a client told to retry later is cheaper than a held request.
            QueueLimit = 0,
            // The partitioned limiter's own 100 ms heartbeat replenishes every bucket (by elapsed time,
            // so the rate is exact): one timer for all IPs and tokens instead of one each.
            AutoReplenishment = false,
        };
    }

    /// <summary>Requests per second the options sustain.</summary>
    public static double RatePerSecond(TokenBucketRateLimiterOptions options)
        => options.TokensPerPeriod / options.ReplenishmentPeriod.TotalSeconds;
}
