using Hook0.Modules.Delivery.Health;

namespace Hook0.Tests.Delivery;

/// <summary>The health state machine as a pure function of the delivery facts.</summary>
public sealed class HealthRulesTests
{
    private static readonly DateTime T0 = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan FailingAfter = TimeSpan.FromHours(1);
    private static readonly TimeSpan DisableAfter = TimeSpan.FromDays(5);

    private static IReadOnlyList<HealthChange> Evaluate(string state, DateTime? failingSince, DateTime? lastFailed, DateTime? recovered = null, DateTime? changed = null,
        TimeSpan? disableAfter = null)
        => HealthRules.Evaluate(new HealthFacts(state, true, failingSince, lastFailed, recovered, changed), FailingAfter, disableAfter ?? DisableAfter);

    private static string Describe(IReadOnlyList<HealthChange> changes) => string.Join(",", changes.Select(c => $"{c.From}>{c.To}"));

    [Test]
    public void A_first_failure_degrades() => Assert.That(Describe(Evaluate("healthy", T0, T0)), Is.EqualTo("healthy>degraded"));

    [Test]
    public void Failures_spanning_the_threshold_are_failing() => Assert.That(Describe(Evaluate("degraded", T0, T0.AddHours(1), changed: T0)), Is.EqualTo("degraded>failing"));

    [Test]
    public void Failures_spanning_five_days_disable() => Assert.That(Describe(Evaluate("failing", T0, T0.AddDays(5), changed: T0.AddHours(1))), Is.EqualTo("failing>disabled"));

    [Test]
    public void Zero_never_disables() => Assert.That(Describe(Evaluate("failing", T0, T0.AddDays(50), changed: T0, disableAfter: TimeSpan.Zero)), Is.Empty);

    [Test]
    public void A_success_recovers() => Assert.That(Describe(Evaluate("failing", null, T0.AddHours(2), T0.AddHours(3), T0.AddHours(1))), Is.EqualTo("failing>healthy"));

    [Test]
    public void A_success_between_evaluations_is_told_even_if_failures_followed()
        => Assert.That(Describe(Evaluate("failing", T0.AddHours(4), T0.AddHours(4), T0.AddHours(3), T0.AddHours(1))), Is.EqualTo("failing>healthy,healthy>degraded"));

    [Test]
    public void A_steady_state_changes_nothing()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Evaluate("healthy", null, null), Is.Empty);
            Assert.That(Evaluate("degraded", T0, T0.AddMinutes(5), changed: T0), Is.Empty);
            Assert.That(Evaluate("failing", T0, T0.AddDays(1), changed: T0.AddHours(1)), Is.Empty);
        });
    }
}
