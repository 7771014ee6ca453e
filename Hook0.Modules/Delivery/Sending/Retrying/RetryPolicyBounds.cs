namespace Hook0.Modules.Delivery.Sending.Retrying;

/// <summary>Instance-wide limits a subscription's retry policy must stay within.</summary>
internal sealed record RetryPolicyBounds
{
    public int MaxRetries { get; init; } = 50;

    public int MaxScheduleLength { get; init; } = 50;

    public TimeSpan MinDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Exponential growth per retry; 1 means a constant delay.</summary>
    public double MinFactor { get; init; } = 1.0;

    public double MaxFactor { get; init; } = 10.0;
}
