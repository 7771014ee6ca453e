using Hook0.Modules.Delivery.Protection;

namespace Hook0.Tests.Delivery.Protection;

/// <summary>The breaker's transitions on a simulated clock (no waiting): closed → open → half-open → closed or re-opened.</summary>
public sealed class CircuitBreakerTests
{
    private static readonly DateTime T0 = new(2026, 12, 7, 12, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan First = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Cap = TimeSpan.FromMinutes(5);

    private static (CircuitState State, CircuitChange Change) Fail(CircuitState s, DateTime now, int threshold = 3)
        => CircuitBreaker.OnFailure(s, now, threshold, "HTTP 503", First, Cap);

    [Test]
    public void Failures_under_the_threshold_keep_it_closed_and_a_success_forgets_them()
    {
        var s = CircuitState.Closed;
        (s, var change) = Fail(s, T0);
        (s, _) = Fail(s, T0);
        Assert.Multiple(() =>
        {
            Assert.That(change, Is.EqualTo(CircuitChange.None));
            Assert.That(s.IsOpen, Is.False);
            Assert.That(s.ConsecutiveFailures, Is.EqualTo(2));
            Assert.That(CircuitBreaker.Allowed(s, T0), Is.Null, "a closed circuit does not limit");
        });

        (s, change) = CircuitBreaker.OnSuccess(s, T0);
        (s, _) = Fail(s, T0);
        (s, _) = Fail(s, T0);
        Assert.That((s.IsOpen, s.ConsecutiveFailures, change), Is.EqualTo((false, 2, CircuitChange.None)), "the count restarted after the success");
    }

    [Test]
    public void The_threshold_opens_it_with_no_try_allowed_until_the_cool_down_ends_then_one_probe()
    {
        var s = CircuitState.Closed;
        (s, _) = Fail(s, T0);
        (s, _) = Fail(s, T0);
        (s, var change) = Fail(s, T0.AddSeconds(1));
        Assert.Multiple(() =>
        {
            Assert.That(change, Is.EqualTo(CircuitChange.Opened));
            Assert.That(s.IsOpen, Is.True);
            Assert.That(s.Reason, Is.EqualTo("HTTP 503"));
            Assert.That(s.ProbeAt, Is.EqualTo(T0.AddSeconds(31)));
            Assert.That(s.Phase(T0.AddSeconds(30)), Is.EqualTo(CircuitPhases.Open));
            Assert.That(CircuitBreaker.Allowed(s, T0.AddSeconds(30)), Is.Zero, "nothing goes while cooling down");
            Assert.That(s.Phase(T0.AddSeconds(31)), Is.EqualTo(CircuitPhases.HalfOpen));
            Assert.That(CircuitBreaker.Allowed(s, T0.AddSeconds(31)), Is.EqualTo(1), "one probe after the cool-down");
        });
    }

    [Test]
    public void A_late_failure_of_a_try_sent_before_the_opening_does_not_extend_the_cool_down()
    {
        var (s, _) = Fail(CircuitState.Closed, T0, threshold: 1);
        var (late, change) = Fail(s, T0.AddSeconds(5), threshold: 1);
        Assert.That((late.ProbeAt, late.Opens, late.ConsecutiveFailures, change), Is.EqualTo((s.ProbeAt, 1, 2, CircuitChange.None)));
    }

    [Test]
    public void A_failed_probe_re_opens_it_for_twice_as_long_up_to_the_cap_and_a_successful_probe_closes_it()
    {
        var (s, _) = Fail(CircuitState.Closed, T0, threshold: 1);
        var now = T0;
        var cooldowns = new List<double>();
        for (var i = 0; i < 6; i++)
        {
            now = s.ProbeAt!.Value;
            (s, var change) = Fail(s, now, threshold: 1);
            Assert.That(change, Is.EqualTo(CircuitChange.None), "a re-open tells nothing new: the circuit never closed");
            cooldowns.Add((s.ProbeAt!.Value - now).TotalSeconds);
        }

        Assert.That(cooldowns, Is.EqualTo(new[] { 60.0, 120, 240, 300, 300, 300 }), "doubled per re-open, capped at 5 minutes");

        (s, var closed) = CircuitBreaker.OnSuccess(s, s.ProbeAt!.Value);
        Assert.Multiple(() =>
        {
            Assert.That(closed, Is.EqualTo(CircuitChange.Closed));
            Assert.That(s.IsOpen, Is.False);
            Assert.That(s.ConsecutiveFailures, Is.Zero);
            Assert.That(s.Opens, Is.Zero, "the next opening starts from the first cool-down again");
        });
        (s, _) = Fail(s, now, threshold: 1);
        Assert.That(s.ProbeAt - now, Is.EqualTo(First));
    }

    [Test]
    public void The_cool_down_never_overflows()
        => Assert.That(CircuitBreaker.Cooldown(int.MaxValue, TimeSpan.FromDays(1), TimeSpan.FromDays(7)), Is.EqualTo(TimeSpan.FromDays(7)));
}
