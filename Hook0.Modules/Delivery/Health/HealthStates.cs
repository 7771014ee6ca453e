namespace Hook0.Modules.Delivery.Health;

/// <summary>The four health states of a subscription (ADR 0008 defines each).</summary>
internal static class HealthStates
{
    /// <summary>The latest delivery succeeded, or none was made yet.</summary>
    public const string Healthy = "healthy";

    /// <summary>The latest deliveries failed, for less than <c>SUBSCRIPTION_FAILING_AFTER_IN_S</c>.</summary>
    public const string Degraded = "degraded";

    /// <summary>Deliveries have kept failing, with no success, for at least <c>SUBSCRIPTION_FAILING_AFTER_IN_S</c>.</summary>
    public const string Failing = "failing";

    /// <summary>Disabled: by a user, by a <c>410 Gone</c>, or automatically after failing for <c>SUBSCRIPTION_AUTO_DISABLE_AFTER_IN_S</c>.</summary>
    public const string Disabled = "disabled";
}
