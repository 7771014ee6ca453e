using Hook0.Modules.Delivery.Health;

namespace Hook0.Modules.Delivery.OperationalEvents;

/// <summary>The operational events Hook0 tells an organization about itself (upstream's three-part names).</summary>
internal static class OperationalEventTypes
{
    public const string SubscriptionFailing = "hook0.subscription.failing";
    public const string SubscriptionDisabled = "hook0.subscription.disabled";
    public const string SubscriptionRecovered = "hook0.subscription.recovered";
    public const string AttemptExhausted = "hook0.attempt.exhausted";
    public const string SecretRotated = "hook0.secret.rotated";

    /// <summary>A subscription's mutual-TLS client certificate expires within 14 days (ADR 0031).</summary>
    public const string SubscriptionCertificateExpiring = "hook0.subscription.certificate_expiring";

    /// <summary>The circuit breaker stopped sending to the subscription (issue #26), and sends again.</summary>
    public const string CircuitOpened = "hook0.subscription.circuit_opened";
    public const string CircuitClosed = "hook0.subscription.circuit_closed";

    public static IReadOnlyList<string> All { get; } = [SubscriptionFailing, SubscriptionDisabled, SubscriptionRecovered, AttemptExhausted, SecretRotated,
        SubscriptionCertificateExpiring, CircuitOpened, CircuitClosed];

    /// <summary>
    /// The event a health transition tells, if any: entering failing or disabled, and leaving failing
    /// for healthy. Degraded comes and goes with single failures, so it tells nothing, nor does
    /// a recovery from it; a user's own enable or disable is theirs and tells nothing either.
    /// </summary>
    public static string? ForTransition(string from, string to) => (from, to) switch
    {
        (_, HealthStates.Failing) => SubscriptionFailing,
        (_, HealthStates.Disabled) => SubscriptionDisabled,
        (HealthStates.Failing, HealthStates.Healthy) => SubscriptionRecovered,
        _ => null,
    };
}
