using Hook0.Modules.Delivery.Protection;
using Hook0.Modules.Delivery.Sending.Errors;

namespace Hook0.Tests.Delivery.Protection;

/// <summary>AIMD on a simulated clock: each transition, and the scenario of a receiver that refuses above 100 requests/s.</summary>
public sealed class AdaptiveRateTests
{
    private static readonly DateTime T0 = new(2026, 12, 7, 12, 0, 0, DateTimeKind.Utc);

    [TestCase(429, null, true)]
    [TestCase(502, null, true)]
    [TestCase(503, null, true)]
    [TestCase(504, null, true)]
    [TestCase(null, DeliveryErrorCodes.Timeout, true)]
    [TestCase(500, null, false)]
    [TestCase(404, null, false)]
    [TestCase(null, DeliveryErrorCodes.Connection, false)]
    public void Push_backs_are_429_502_503_504_and_timeouts(int? code, string? error, bool expected)
        => Assert.That(AdaptiveRate.IsPushBack(code, error ?? (code is null ? null : DeliveryErrorCodes.Http)), Is.EqualTo(expected));

    [Test]
    public void A_push_back_lowers_the_rate_once_per_quiet_period_never_under_the_floor()
    {
        var s = AdaptiveRate.OnPushBack(AdaptiveRateState.Unthrottled, T0, ceiling: 100);
        Assert.That(s.Rate, Is.EqualTo(90).Within(1e-9), "an unthrottled lane starts from its ceiling");
        Assert.That(AdaptiveRate.OnPushBack(s, T0.AddMilliseconds(999), 100), Is.EqualTo(s), "answers of tries already in flight do not divide again");
        Assert.That(AdaptiveRate.OnPushBack(s, T0.AddSeconds(1), 100).Rate, Is.EqualTo(81).Within(1e-9));

        var low = new AdaptiveRateState(0.5, T0, T0);
        Assert.That(AdaptiveRate.OnPushBack(low, T0.AddSeconds(2), 100).Rate, Is.EqualTo(AdaptiveRate.Floor));
    }

    [Test]
    public void Successes_add_one_per_second_elapsed_and_the_ceiling_ends_the_throttling()
    {
        var s = new AdaptiveRateState(90, T0, T0);
        s = AdaptiveRate.OnSuccess(s, T0.AddSeconds(2.5), ceiling: 100);
        Assert.That(s.Rate, Is.EqualTo(92.5).Within(1e-9));
        Assert.That(AdaptiveRate.OnSuccess(s, T0.AddSeconds(10), 100), Is.EqualTo(AdaptiveRateState.Unthrottled), "back at the ceiling: no adaptive rate any more");
        Assert.That(AdaptiveRate.OnSuccess(AdaptiveRateState.Unthrottled, T0, 100), Is.EqualTo(AdaptiveRateState.Unthrottled), "an unthrottled lane stays so");
    }

    /// <summary>
    /// The scenario: the sender spaces its requests at the current rate; the receiver answers 429 when it has
    /// accepted 100 requests in the last second. Simulated for 10 minutes from an unthrottled lane whose ceiling is the
    /// instance's 1,000/s; "settled" is the last 5 minutes.
    /// </summary>
    [Test]
    public void A_receiver_refusing_above_100_per_second_makes_the_rate_settle_within_10_percent_with_under_1_percent_refused()
    {
        const double ceiling = 1_000;
        var accepted = new Queue<DateTime>();
        var state = AdaptiveRate.OnPushBack(AdaptiveRateState.Unthrottled, T0, ceiling);
        var now = T0;
        var end = T0.AddMinutes(10);
        var settledFrom = T0.AddMinutes(5);
        long sent = 0, refused = 0, sentSettled = 0, refusedSettled = 0, acceptedSettled = 0;
        while (now < end)
        {
            var rate = state.Rate ?? ceiling;
            now = now.AddTicks((long)(TimeSpan.TicksPerSecond / rate));
            while (accepted.Count > 0 && now - accepted.Peek() >= TimeSpan.FromSeconds(1))
            {
                accepted.Dequeue();
            }

            var refuse = accepted.Count >= 100;
            var settled = now >= settledFrom;
            sent++;
            sentSettled += settled ? 1 : 0;
            if (refuse)
            {
                refused++;
                refusedSettled += settled ? 1 : 0;
                state = AdaptiveRate.OnPushBack(state, now, ceiling);
            }
            else
            {
                accepted.Enqueue(now);
                acceptedSettled += settled ? 1 : 0;
                state = AdaptiveRate.OnSuccess(state, now, ceiling);
            }
        }

        var settledRate = sentSettled / (end - settledFrom).TotalSeconds;
        var goodput = acceptedSettled / (end - settledFrom).TotalSeconds;
        TestContext.Out.WriteLine($"sent {sent}, refused {refused}; settled: {settledRate:F1} req/s, {goodput:F1} accepted/s, refused {100.0 * refusedSettled / sentSettled:F3} %");
        Assert.Multiple(() =>
        {
            Assert.That(settledRate, Is.InRange(90.0, 110.0), "the rate settles within 10 % of the receiver's 100/s");
            Assert.That((double)refusedSettled / sentSettled, Is.LessThan(0.01), "under 1 % refused once settled");
            Assert.That(state.Rate, Is.Not.Null, "still throttled: the receiver's limit is far under the ceiling");
        });
    }
}
