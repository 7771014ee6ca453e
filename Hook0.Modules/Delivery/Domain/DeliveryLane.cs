namespace Hook0.Modules.Delivery.Domain;

/// <summary>
/// A subscription's delivery state (<c>webhook.delivery_lane</c>), one narrow row kept apart from the wide subscription
/// row so its frequent updates stay HOT: whether its attempts are claimed through the lane (metered), its limits,
/// what it has in flight across instances, its rate tokens; room reserved for the circuit breaker and adaptive rate (#26).
/// </summary>
internal sealed class DeliveryLane
{
    public Guid ApplicationId { get; set; }
    public Guid SubscriptionId { get; set; }
    public bool Metered { get; set; }
    public bool Paused { get; set; }
    public int? MaxConcurrency { get; set; }
    public int? RateLimitPerSecond { get; set; }

    /// <summary>Attempts in flight (metered lanes), with their lease ends: an expired entry no longer counts.</summary>
    public Guid[] InFlightIds { get; set; } = [];
    public DateTime[] InFlightUntil { get; set; } = [];
    public double Tokens { get; set; }
    public DateTime TokensAt { get; set; }
    public string? CircuitState { get; set; }
    public DateTime? CircuitChangedAt { get; set; }
    public double? AdaptiveRatePerSecond { get; set; }

    // Circuit breaker and adaptive rate (#26, ADR 0030): written by the lifecycle's lane feedback only.
    public int ConsecutiveFailures { get; set; }
    public int CircuitOpens { get; set; }
    public string? CircuitReason { get; set; }

    /// <summary>Nothing of the lane is claimed before this (an open circuit's probe time, or a receiver's Retry-After).</summary>
    public DateTime? HeldUntil { get; set; }
    public DateTime? AdaptiveChangedAt { get; set; }
    public DateTime? AdaptiveDecreasedAt { get; set; }
}
