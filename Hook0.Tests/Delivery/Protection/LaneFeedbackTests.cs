using Hook0.Modules.Delivery.Protection;
using Hook0.Modules.Delivery.Sending;
using Hook0.Modules.Delivery.Sending.Errors;

namespace Hook0.Tests.Delivery.Protection;

/// <summary>What one recorded try changes on its lane (pure, on a given database time).</summary>
public sealed class LaneFeedbackTests
{
    private static readonly DateTime T0 = new(2026, 12, 7, 12, 0, 0, DateTimeKind.Utc);
    private static readonly ProtectionOptions Options = new();

    private static LaneProtection Lane(CircuitState? circuit = null) => new(circuit ?? CircuitState.Closed, AdaptiveRateState.Unthrottled, null, false, null, null, false, T0);

    private static DeliveryOutcome Http(int code, string? retryAfter = null) => new(false, DeliveryErrorCodes.Http, code, null, null, false, 10, retryAfter);

    [Test]
    public void A_429_slows_the_lane_and_holds_it_for_its_Retry_After_but_does_not_count_toward_the_breaker()
    {
        var (lane, change) = LaneFeedback.Apply(Lane(CircuitState.Closed with { ConsecutiveFailures = 9 }), Http(429, "20"), threshold: 10, Options);
        Assert.Multiple(() =>
        {
            Assert.That(change, Is.EqualTo(CircuitChange.None));
            Assert.That(lane.Circuit.ConsecutiveFailures, Is.EqualTo(9), "the receiver is up: a 429 is the rate's business");
            Assert.That(lane.Rate.Rate, Is.EqualTo(900).Within(1e-9));
            Assert.That(lane.HeldUntil, Is.EqualTo(T0.AddSeconds(20)));
            Assert.That(lane.NeedsMetering, Is.True);
        });
    }

    [Test]
    public void A_503_counts_toward_the_breaker_and_slows_the_lane()
    {
        var (lane, change) = LaneFeedback.Apply(Lane(CircuitState.Closed with { ConsecutiveFailures = 9 }), Http(503), threshold: 10, Options);
        Assert.Multiple(() =>
        {
            Assert.That(change, Is.EqualTo(CircuitChange.Opened));
            Assert.That(lane.Circuit.Reason, Is.EqualTo("HTTP 503"));
            Assert.That(lane.HeldUntil, Is.EqualTo(T0.AddSeconds(30)), "held until the probe");
            Assert.That(lane.Circuit.ProbeAt, Is.EqualTo(lane.HeldUntil));
            Assert.That(lane.Rate.Rate, Is.EqualTo(900).Within(1e-9));
        });
    }

    [Test]
    public void A_500_counts_toward_the_breaker_without_slowing_the_lane()
    {
        var (lane, _) = LaneFeedback.Apply(Lane(), Http(500), threshold: 10, Options);
        Assert.That((lane.Circuit.ConsecutiveFailures, lane.Rate.Rate, lane.NeedsMetering), Is.EqualTo((1, (double?)null, false)));
    }
}
