namespace Hook0.Modules.Delivery.Protection;

/// <summary>
/// What the lane row holds for the breaker and the adaptive rate, with the limits that decide whether the lane must be
/// metered, as read under the lane's row lock (<see cref="Now"/> is the database clock of that read).
/// </summary>
internal sealed record LaneProtection(
    CircuitState Circuit,
    AdaptiveRateState Rate,
    DateTime? HeldUntil,
    bool Paused,
    int? MaxConcurrency,
    int? RateLimitPerSecond,
    bool Metered,
    DateTime Now)
{
    /// <summary>Whether the lane's attempts must go through the metered claim: a limit, a pause, an open circuit, a reduced rate.</summary>
    public bool NeedsMetering => Paused || MaxConcurrency is not null || RateLimitPerSecond is not null || Circuit.IsOpen || Rate.Rate is not null;

    /// <summary>The rate the adaptive rate recovers to: the configured limit, else the instance ceiling.</summary>
    public double Ceiling(ProtectionOptions options) => RateLimitPerSecond ?? options.CeilingPerSecond;
}
