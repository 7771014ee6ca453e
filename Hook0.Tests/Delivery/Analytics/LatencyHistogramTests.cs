using Hook0.Modules.Delivery.Analytics;

namespace Hook0.Tests.Delivery.Analytics;

/// <summary>The log-scale latency buckets and the percentiles read from them, against exact percentiles of known samples.</summary>
public sealed class LatencyHistogramTests
{
    [TestCase(0, 0)]
    [TestCase(1, 1)]
    [TestCase(2, 5)]
    [TestCase(3, 7)]
    [TestCase(4, 9)]
    [TestCase(16, 17)]
    [TestCase(1000, 40)]
    [TestCase(1024, 41)]
    [TestCase(int.MaxValue, LatencyHistogram.Buckets - 1)]
    public void Latencies_fall_in_quarter_doubling_buckets(int ms, int bucket)
    {
        Assert.That(LatencyHistogram.BucketOf(ms), Is.EqualTo(bucket));
        if (bucket > 0 && bucket < LatencyHistogram.Buckets - 1)
        {
            Assert.That(ms, Is.GreaterThanOrEqualTo(LatencyHistogram.LowerBound(bucket)).And.LessThan(LatencyHistogram.UpperBound(bucket)));
        }
    }

    [Test]
    public void Every_whole_millisecond_up_to_a_minute_lies_within_its_bucket_and_buckets_never_go_back()
    {
        var previous = 0;
        for (var ms = 1; ms <= 60_000; ms++)
        {
            var bucket = LatencyHistogram.BucketOf(ms);
            Assert.That(bucket, Is.GreaterThanOrEqualTo(previous));
            Assert.That(ms, Is.GreaterThanOrEqualTo(LatencyHistogram.LowerBound(bucket)).And.LessThan(LatencyHistogram.UpperBound(bucket)), $"{ms} ms");
            Assert.That(LatencyHistogram.UpperBound(bucket) / LatencyHistogram.LowerBound(bucket), Is.LessThanOrEqualTo(Math.Pow(2, 0.25) + 1e-9));
            previous = bucket;
        }
    }

    [TestCase(1)]
    [TestCase(7)]
    [TestCase(42)]
    public void Percentiles_are_within_the_bucket_error_of_the_exact_ones(int seed)
    {
        // Log-normal-ish latencies, 5 ms to 30 s, like real endpoints.
        var random = new Random(seed);
        var samples = Enumerable.Range(0, 10_000).Select(_ => (int)Math.Clamp(Math.Exp(random.NextDouble() * 6 + 1.6 + random.NextDouble() * 2), 1, 30_000)).ToArray();
        var histogram = LatencyHistogram.Of(samples);
        var sorted = samples.Order().ToArray();

        foreach (var q in new[] { 0.5, 0.95, 0.99, 1.0 })
        {
            var exact = sorted[(int)Math.Ceiling(q * sorted.Length) - 1]; // nearest rank
            var estimate = LatencyHistogram.Percentile(histogram, q)!.Value;
            Assert.That(LatencyHistogram.BucketOf((int)Math.Round(estimate)), Is.EqualTo(LatencyHistogram.BucketOf(exact)), $"q={q}: same bucket as {exact} ms");
            // Read as the geometric middle of a bucket at most 2^(1/4) wide: within 2^(1/8) of the exact value.
            Assert.That(Math.Abs(Math.Log(estimate / exact)), Is.LessThanOrEqualTo(Math.Log(Math.Pow(2, 0.125)) + 1e-9), $"q={q}: {estimate} vs {exact}");
        }
    }

    [Test]
    public void Small_whole_latencies_are_exact_and_an_empty_histogram_has_no_percentile()
    {
        var histogram = LatencyHistogram.Of([1, 1, 2, 2, 2, 3, 4, 5, 0, 0]);
        Assert.Multiple(() =>
        {
            Assert.That(LatencyHistogram.Percentile(histogram, 0.1), Is.EqualTo(0));
            Assert.That(LatencyHistogram.Percentile(histogram, 0.3), Is.EqualTo(1));
            Assert.That(LatencyHistogram.Percentile(histogram, 0.5), Is.EqualTo(2));
            Assert.That(LatencyHistogram.Percentile(histogram, 1.0), Is.EqualTo(5));
            Assert.That(LatencyHistogram.Percentile(new long[LatencyHistogram.Buckets], 0.5), Is.Null);
            Assert.That(() => LatencyHistogram.Percentile(histogram, 0), Throws.InstanceOf<ArgumentOutOfRangeException>());
        });
    }

    [Test]
    public void Histograms_of_parts_add_up_to_the_histogram_of_the_whole()
    {
        int[] a = [3, 50, 700], b = [50, 9000];
        var sum = LatencyHistogram.Of(a).Zip(LatencyHistogram.Of(b), (x, y) => x + y);
        Assert.That(sum, Is.EqualTo(LatencyHistogram.Of([.. a, .. b])));
    }
}
