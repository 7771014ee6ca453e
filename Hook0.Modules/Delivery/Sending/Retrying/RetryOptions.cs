namespace Hook0.Modules.Delivery.Sending.Retrying;

/// <summary>Instance-wide retry settings (reference §5.5, Appendix B).</summary>
internal sealed record RetryOptions
{
    /// <summary><c>MAX_RETRIES</c>: retries after the first delivery, so 1 + 24 tries by default.</summary>
    public int MaxRetries { get; init; } = 24;

    /// <summary><c>RETRY_JITTER_RATIO</c>: jitter width as a share of the base delay; 0 disables jitter.</summary>
    public double JitterRatio { get; init; } = 0.1;

    /// <summary><c>RETRY_JITTER_MAX_SPREAD</c>: upper bound of the jitter width; zero disables jitter.</summary>
    public TimeSpan JitterMaxSpread { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary><c>RETRY_AFTER_MAX</c>: a receiver's <c>Retry-After</c> hint is never followed beyond this.</summary>
    public TimeSpan RetryAfterCap { get; init; } = TimeSpan.FromHours(10);
}
