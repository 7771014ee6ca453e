using System.Text.Json;
using Hook0.Modules.Delivery.Analytics;

namespace Hook0.Tests.Delivery.Analytics;

/// <summary>The roll-up's arithmetic: one row per subscription and minute, outcomes, status and error classes, latency.</summary>
public sealed class StatAccumulatorTests
{
    private static readonly Guid Sub = Guid.NewGuid(), Other = Guid.NewGuid(), App = Guid.NewGuid();
    private static readonly DateTime T = new(2026, 11, 29, 10, 15, 12, DateTimeKind.Utc);

    [Test]
    public void Tries_add_up_per_subscription_and_finishing_minute()
    {
        var accumulator = new StatAccumulator();
        accumulator.Add(new FinishedTry(Sub, App, T, true, 200, null, 12));
        accumulator.Add(new FinishedTry(Sub, App, T.AddSeconds(10), false, 503, "E_HTTP", 30));
        accumulator.Add(new FinishedTry(Sub, App, T.AddSeconds(20), false, null, "E_TIMEOUT", 3000));
        accumulator.Add(new FinishedTry(Sub, App, T.AddMinutes(1), true, 204, null, null));
        accumulator.Add(new FinishedTry(Other, App, T, true, 302, null, 5));

        var rows = accumulator.Rows.ToList();
        var first = rows.Single(r => r.SubscriptionId == Sub && r.Minute == new DateTime(2026, 11, 29, 10, 15, 0, DateTimeKind.Utc));
        Assert.Multiple(() =>
        {
            Assert.That(rows, Has.Count.EqualTo(3));
            Assert.That((first.Succeeded, first.Failed), Is.EqualTo((1, 2)));
            Assert.That((first.Http2xx, first.Http5xx, first.NoResponse), Is.EqualTo((1, 1, 1)));
            Assert.That(JsonSerializer.Deserialize<Dictionary<string, int>>(first.ErrorClasses), Is.EquivalentTo(new Dictionary<string, int> { ["E_HTTP"] = 1, ["E_TIMEOUT"] = 1 }));
            Assert.That((first.LatencyCount, first.LatencySumMs), Is.EqualTo((3, 3042L)));
            Assert.That(first.LatencyBuckets.Select(n => (long)n).ToArray(), Is.EqualTo(LatencyHistogram.Of([12, 30, 3000]).ToArray()));
            Assert.That(rows.Single(r => r.Minute.Minute == 16).LatencyCount, Is.EqualTo(0), "a try without a measured time adds no latency");
            Assert.That(rows.Single(r => r.SubscriptionId == Other).Http3xx, Is.EqualTo(1));
        });
    }

    [Test]
    public void Hour_rows_add_up_the_minutes_of_each_subscription_and_hour()
    {
        var accumulator = new StatAccumulator();
        accumulator.Add(new FinishedTry(Sub, App, T, true, 200, null, 12));
        accumulator.Add(new FinishedTry(Sub, App, T.AddMinutes(44), false, 503, "E_HTTP", 30));  // 10:59:12, same hour
        accumulator.Add(new FinishedTry(Sub, App, T.AddMinutes(45), false, null, "E_TIMEOUT", 3000)); // 11:00:12, next hour
        accumulator.Add(new FinishedTry(Other, App, T, false, 404, "E_HTTP", 7));

        var hours = accumulator.HourRows.ToList();
        var ten = hours.Single(r => r.SubscriptionId == Sub && r.Hour == new DateTime(2026, 11, 29, 10, 0, 0, DateTimeKind.Utc));
        Assert.Multiple(() =>
        {
            Assert.That(hours, Has.Count.EqualTo(3));
            Assert.That((ten.Succeeded, ten.Failed, ten.Http2xx, ten.Http5xx, ten.NoResponse), Is.EqualTo((1, 1, 1, 1, 0)));
            Assert.That(JsonSerializer.Deserialize<Dictionary<string, int>>(ten.ErrorClasses), Is.EquivalentTo(new Dictionary<string, int> { ["E_HTTP"] = 1 }));
            Assert.That((ten.LatencyCount, ten.LatencySumMs), Is.EqualTo((2, 42L)));
            Assert.That(ten.LatencyBuckets.Select(n => (long)n).ToArray(), Is.EqualTo(LatencyHistogram.Of([12, 30]).ToArray()));
            Assert.That(hours.Single(r => r.Hour.Hour == 11).NoResponse, Is.EqualTo(1), "11:00:12 opens the next hour");
            Assert.That(hours.Single(r => r.SubscriptionId == Other).Http4xx, Is.EqualTo(1));
            Assert.That(accumulator.Count, Is.EqualTo(4), "four minute rows beside the three hour rows");
        });
    }
}
