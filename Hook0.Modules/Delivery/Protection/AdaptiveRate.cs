using Hook0.Modules.Delivery.Sending.Errors;

namespace Hook0.Modules.Delivery.Protection;

/// <summary>
/// A subscription's adaptive rate as stored on its lane: null while the receiver never pushed back (the lane then
/// sends at its configured limit, or without one); otherwise deliveries per second, with when it last changed.
/// </summary>
internal readonly record struct AdaptiveRateState(double? Rate, DateTime? ChangedAt, DateTime? DecreasedAt)
{
    public static AdaptiveRateState Unthrottled { get; } = new(null, null, null);
}

/// <summary>
/// Additive increase, multiplicative decrease (AIMD), pure (the clock is a parameter). A push-back (429, 502, 503,
/// 504, a timeout) multiplies the rate by <see cref="DecreaseFactor"/>, at most once per <see cref="QuietPeriod"/> (the
/// tries already in flight at the old rate answer the same, they must not divide it again). A success adds
/// <see cref="IncreasePerSecond"/> per second elapsed since the last change, so recovery is as fast at 2/s as at 500/s;
/// reaching the ceiling (the configured rate limit, else the instance ceiling) ends the throttling.
/// </summary>
/// <remarks>
/// The decrease is gentle (×0.9, not TCP's ×0.5) on purpose: a receiver with a fixed capacity gets a saw-tooth between
/// 90 % and 100 % of it, whose mean is within 10 % of the capacity; halving would average 75 %.
/// </remarks>
internal static class AdaptiveRate
{
    public const double DecreaseFactor = 0.9;
    public const double IncreasePerSecond = 1.0;

    /// <summary>No lane is slowed below this (one try every two seconds still tells when the receiver is back).</summary>
    public const double Floor = 0.5;

    public static readonly TimeSpan QuietPeriod = TimeSpan.FromSeconds(1);

    /// <summary>Whether an answer says "slow down": 429, 502, 503, 504 or a timeout.</summary>
    public static bool IsPushBack(int? httpCode, string? errorName)
        => httpCode is 429 or 502 or 503 or 504 || errorName == DeliveryErrorCodes.Timeout;

    public static AdaptiveRateState OnPushBack(AdaptiveRateState s, DateTime now, double ceiling)
    {
        if (s.DecreasedAt is { } last && now - last < QuietPeriod)
        {
            return s;
        }

        var rate = Math.Max(Floor, Math.Min(s.Rate ?? ceiling, ceiling) * DecreaseFactor);
        return new AdaptiveRateState(rate, now, now);
    }

    public static AdaptiveRateState OnSuccess(AdaptiveRateState s, DateTime now, double ceiling)
    {
        if (s.Rate is not { } rate)
        {
            return s;
        }

        var elapsed = s.ChangedAt is { } changed ? Math.Max(0, (now - changed).TotalSeconds) : 0;
        var next = rate + (IncreasePerSecond * elapsed);
        return next >= ceiling ? AdaptiveRateState.Unthrottled : s with { Rate = next, ChangedAt = now };
    }
}
