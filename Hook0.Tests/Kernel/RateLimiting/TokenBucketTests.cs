using Hook0.Modules.Kernel.RateLimiting;

namespace Hook0.Tests.Kernel.RateLimiting;

/// <summary>Upstream's "one token every N ms" (N fractional here) as .NET token bucket options.</summary>
public sealed class TokenBucketTests
{
    [TestCase(10_000, 0.2, 500, 100.0, 5_000.0)]
    [TestCase(50_000, 0.05, 2_000, 100.0, 20_000.0)]
    [TestCase(10_000, 0.1, 1_000, 100.0, 10_000.0)]
    [TestCase(2_000, 1.0, 100, 100.0, 1_000.0)] // upstream's global default keeps its meaning
    [TestCase(200, 10.0, 10, 100.0, 100.0)] // upstream's per-IP default
    [TestCase(20, 100.0, 1, 100.0, 10.0)] // upstream's per-token default
    [TestCase(100, 3.0, 34, 102.0, 333.333)] // no rounding of the rate: 34 tokens every 102 ms
    [TestCase(5, 60_000.0, 1, 60_000.0, 1 / 60.0)]
    public void The_rate_is_kept_with_a_period_of_at_least_100_ms(int burst, double periodMs, int perPeriod, double replenishMs, double perSecond)
    {
        var options = TokenBucket.Options(burst, periodMs);

        Assert.Multiple(() =>
        {
            Assert.That(options.TokenLimit, Is.EqualTo(burst));
            Assert.That(options.TokensPerPeriod, Is.EqualTo(perPeriod));
            Assert.That(options.ReplenishmentPeriod.TotalMilliseconds, Is.EqualTo(replenishMs).Within(0.001));
            Assert.That(TokenBucket.RatePerSecond(options), Is.EqualTo(perSecond).Within(0.01));
            Assert.That(options.QueueLimit, Is.Zero);
        });
    }

    [Test]
    public void A_period_never_carries_more_tokens_than_the_bucket_holds()
    {
        // 10 tokens, one every 1 ms: 100 per 100 ms would overflow the bucket and cut the rate to 100/s.
        var options = TokenBucket.Options(10, 1.0);

        Assert.Multiple(() =>
        {
            Assert.That(options.TokensPerPeriod, Is.EqualTo(10));
            Assert.That(options.ReplenishmentPeriod, Is.EqualTo(TimeSpan.FromMilliseconds(10)));
            Assert.That(TokenBucket.RatePerSecond(options), Is.EqualTo(1_000).Within(0.01));
        });
    }

    [TestCase("203.0.113.7", "203.0.113.7")]
    [TestCase("::ffff:203.0.113.7", "203.0.113.7")]
    [TestCase("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [TestCase("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [TestCase(null, "unknown")]
    public void Clients_are_counted_by_address_and_ipv6_clients_by_their_64(string? address, string key)
        => Assert.That(RateLimitingSetup.IpKey(address is null ? null : System.Net.IPAddress.Parse(address)), Is.EqualTo(key));
}
