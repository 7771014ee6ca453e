using Hook0.Modules.Delivery.Sending;
using Hook0.Modules.Delivery.Sending.Retrying;

namespace Hook0.Modules.Delivery.Protection;

/// <summary>
/// What one recorded try changes on its lane, pure: the circuit's transition, the adaptive rate's, and a hold until a
/// 429's <c>Retry-After</c> (the receiver asked for silence: nothing of the lane goes before it, capped).
/// </summary>
/// <remarks>
/// A 429 is the adaptive rate's alone: the receiver is up and asks to slow down, so it neither counts toward the
/// breaker nor ends its run. Counting it opened the circuit during every descent of the rate (the bench against a real
/// receiver: 30 s pauses, a third of the receiver's capacity used).
/// </remarks>
internal static class LaneFeedback
{
    private const int TooManyRequests = 429;

    public static (LaneProtection Lane, CircuitChange Change) Apply(LaneProtection lane, DeliveryOutcome outcome, int threshold, ProtectionOptions options)
    {
        var now = lane.Now;
        var ceiling = lane.Ceiling(options);
        if (outcome.Succeeded)
        {
            var (closed, change) = CircuitBreaker.OnSuccess(lane.Circuit, now);
            return (lane with { Circuit = closed, Rate = AdaptiveRate.OnSuccess(lane.Rate, now, ceiling) }, change);
        }

        var reason = Reason(outcome);
        var (circuit, opened) = outcome.HttpCode == TooManyRequests
            ? (lane.Circuit, CircuitChange.None)
            : CircuitBreaker.OnFailure(lane.Circuit, now, threshold, reason, options.Cooldown, options.MaxCooldown);
        var rate = AdaptiveRate.IsPushBack(outcome.HttpCode, outcome.ErrorName) ? AdaptiveRate.OnPushBack(lane.Rate, now, ceiling) : lane.Rate;
        var held = Later(lane.HeldUntil, circuit.IsOpen ? circuit.ProbeAt : null);
        if (outcome.HttpCode == TooManyRequests && RetryAfterParser.Parse(outcome.RetryAfter, new DateTimeOffset(now, TimeSpan.Zero), options.MaxCooldown) is { } wait)
        {
            held = Later(held, now + wait);
        }

        if (circuit.IsOpen && held is { } h)
        {
            // The probe goes when the lane is released, whichever of the two holds it longer.
            circuit = circuit with { ProbeAt = h };
        }

        return (lane with { Circuit = circuit, Rate = rate, HeldUntil = held }, opened);
    }

    /// <summary>Why the circuit opened, as shown on the subscription: the last failure.</summary>
    public static string Reason(DeliveryOutcome outcome) => outcome.HttpCode is { } code ? $"HTTP {code}" : outcome.ErrorName ?? "failure";

    private static DateTime? Later(DateTime? a, DateTime? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
