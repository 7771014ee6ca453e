using Hook0.Modules.Delivery.Sending.Retrying;

namespace Hook0.Tests.Delivery;

public sealed class RetryScheduleTests
{
    private static readonly RetryOptions NoJitter = new() { JitterRatio = 0 };

    [TestCase(0, 3)]
    [TestCase(1, 10)]
    [TestCase(2, 180)]
    [TestCase(3, 1800)]
    [TestCase(4, 3600)]
    [TestCase(5, 10800)]
    [TestCase(6, 18000)]
    [TestCase(7, 36000)]
    [TestCase(23, 36000)]
    [TestCase(1000, 36000)]
    public void Base_delay_follows_the_instance_table(int retryCount, int seconds)
    {
        Assert.That(RetrySchedule.BaseDelay(retryCount, null), Is.EqualTo(TimeSpan.FromSeconds(seconds)));
    }

    [Test]
    public void The_default_schedule_spans_the_documented_total()
    {
        var schedule = new RetrySchedule(NoJitter, new FixedRandom(0));

        var total = Enumerable.Range(0, 24).Aggregate(TimeSpan.Zero, (sum, retry) => sum + schedule.NextDelay(retry, null));

        Assert.That(total, Is.EqualTo(TimeSpan.FromSeconds(646_393)));
    }

    [TestCase(3, 2)]
    [TestCase(10, 2)]
    [TestCase(180, 18)]
    [TestCase(1800, 180)]
    [TestCase(3600, 360)]
    [TestCase(10800, 900)]
    [TestCase(36000, 900)]
    public void Jitter_width_is_a_tenth_clamped_between_two_seconds_and_fifteen_minutes(int baseSeconds, int widthSeconds)
    {
        var schedule = new RetrySchedule(new RetryOptions(), new FixedRandom(0));

        Assert.That(schedule.JitterWidth(TimeSpan.FromSeconds(baseSeconds)), Is.EqualTo(TimeSpan.FromSeconds(widthSeconds)));
    }

    [TestCase(0.0, 0)]
    [TestCase(0.5, 1)]
    public void Jitter_only_adds_to_the_base(double draw, int extraSeconds)
    {
        var schedule = new RetrySchedule(new RetryOptions(), new FixedRandom(draw));

        Assert.That(schedule.NextDelay(0, null), Is.EqualTo(TimeSpan.FromSeconds(3 + extraSeconds)));
    }

    [Test]
    public void The_largest_draw_stays_below_base_plus_width()
    {
        var schedule = new RetrySchedule(new RetryOptions(), new FixedRandom(Math.BitDecrement(1.0)));

        var delay = schedule.NextDelay(7, null);

        Assert.That(delay, Is.InRange(TimeSpan.FromHours(10), TimeSpan.FromHours(10) + TimeSpan.FromMinutes(15)));
        Assert.That(delay, Is.LessThan(TimeSpan.FromHours(10) + TimeSpan.FromMinutes(15)));
    }

    [Test]
    public void Delays_are_truncated_to_microseconds()
    {
        // 0.123456789 × 18 s = 2.222222202 s; the sub-microsecond 0.2 µs is dropped.
        var schedule = new RetrySchedule(new RetryOptions(), new FixedRandom(0.123456789));

        var delay = schedule.NextDelay(2, null);

        Assert.That(delay, Is.EqualTo(TimeSpan.FromMinutes(3) + TimeSpan.FromMicroseconds(2_222_222)));
    }

    [Test]
    public void A_zero_ratio_disables_jitter()
    {
        var schedule = new RetrySchedule(new RetryOptions { JitterRatio = 0 }, new FixedRandom(0.99));

        Assert.That(schedule.NextDelay(3, null), Is.EqualTo(TimeSpan.FromMinutes(30)));
    }

    [Test]
    public void A_zero_max_spread_disables_jitter()
    {
        var schedule = new RetrySchedule(new RetryOptions { JitterMaxSpread = TimeSpan.Zero }, new FixedRandom(0.99));

        Assert.That(schedule.NextDelay(3, null), Is.EqualTo(TimeSpan.FromMinutes(30)));
    }

    [Test]
    public void Ratio_and_spread_are_settable()
    {
        var schedule = new RetrySchedule(new RetryOptions { JitterRatio = 0.5, JitterMaxSpread = TimeSpan.FromMinutes(20) }, new FixedRandom(0));

        Assert.Multiple(() =>
        {
            Assert.That(schedule.JitterWidth(TimeSpan.FromMinutes(30)), Is.EqualTo(TimeSpan.FromMinutes(15)));
            Assert.That(schedule.JitterWidth(TimeSpan.FromHours(1)), Is.EqualTo(TimeSpan.FromMinutes(20)));
        });
    }

    [Test]
    public void An_explicit_schedule_repeats_its_last_delay()
    {
        var policy = new SubscriptionRetryPolicy { MaxRetries = 5, Schedule = [1, 60, 600] };

        Assert.That(
            Enumerable.Range(0, 5).Select(retry => RetrySchedule.BaseDelay(retry, policy).TotalSeconds),
            Is.EqualTo(new[] { 1, 60, 600, 600, 600 }));
    }

    [Test]
    public void An_exponential_policy_grows_by_its_factor_up_to_its_ceiling()
    {
        var policy = new SubscriptionRetryPolicy { MaxRetries = 50, InitialDelaySeconds = 30, Factor = 2, MaxDelaySeconds = 300 };

        Assert.That(
            new[] { 0, 1, 2, 3, 4, 49 }.Select(retry => RetrySchedule.BaseDelay(retry, policy).TotalSeconds),
            Is.EqualTo(new[] { 30, 60, 120, 240, 300, 300 }));
    }

    [Test]
    public void The_subscription_policy_sets_the_retry_budget()
    {
        var schedule = new RetrySchedule(new RetryOptions(), new FixedRandom(0));

        Assert.Multiple(() =>
        {
            Assert.That(schedule.MaxRetries(null), Is.EqualTo(24));
            Assert.That(schedule.MaxRetries(new SubscriptionRetryPolicy { MaxRetries = 3, Schedule = [5] }), Is.EqualTo(3));
        });
    }

    [Test]
    public void Jitter_applies_on_top_of_a_subscription_schedule()
    {
        var schedule = new RetrySchedule(new RetryOptions(), new FixedRandom(0.5));
        var policy = new SubscriptionRetryPolicy { MaxRetries = 3, Schedule = [100] };

        Assert.That(schedule.NextDelay(0, policy), Is.EqualTo(TimeSpan.FromSeconds(105)));
    }
}
