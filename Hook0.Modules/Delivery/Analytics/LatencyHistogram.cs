namespace Hook0.Modules.Delivery.Analytics;

/// <summary>
/// Fixed log-scale latency buckets, four per doubling: bucket 0 holds 0 ms, bucket k ≥ 1 holds
/// [2^((k-1)/4), 2^(k/4)) ms, and the last bucket is open-ended (about 185 s and more). A bucket is at
/// most 19 % wide, so a percentile read from it is within about 9 % of the exact value (ADR 0013).
/// Every roll-up row carries the same array, so histograms of any rows add element by element.
/// </summary>
public static class LatencyHistogram
{
    /// <summary>Buckets per doubling of the latency.</summary>
    public const int PerDoubling = 4;

    /// <summary>Length of every histogram array.</summary>
    public const int Buckets = 72;

    public static int BucketOf(int milliseconds)
        => milliseconds <= 0 ? 0 : Math.Min(Buckets - 1, 1 + (int)Math.Floor(PerDoubling * Math.Log2(milliseconds)));

    /// <summary>The smallest latency the bucket holds, in milliseconds.</summary>
    public static double LowerBound(int bucket) => bucket <= 0 ? 0 : Math.Pow(2, (bucket - 1) / (double)PerDoubling);

    /// <summary>The latency just above the bucket (infinite for the last one).</summary>
    public static double UpperBound(int bucket)
        => bucket <= 0 ? 1 : bucket >= Buckets - 1 ? double.PositiveInfinity : Math.Pow(2, bucket / (double)PerDoubling);

    /// <summary>
    /// The <paramref name="quantile"/> (0 &lt; q ≤ 1) by nearest rank: the bucket holding the ⌈q·N⌉-th
    /// smallest latency, read as the geometric middle of the whole milliseconds it can hold. Null when
    /// the histogram is empty.
    /// </summary>
    public static double? Percentile(IReadOnlyList<long> counts, double quantile)
    {
        if (quantile is <= 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(quantile), quantile, "A quantile is in (0, 1].");
        }

        var total = counts.Sum();
        if (total == 0)
        {
            return null;
        }

        var rank = (long)Math.Ceiling(quantile * total);
        long seen = 0;
        for (var bucket = 0; bucket < counts.Count; bucket++)
        {
            seen += counts[bucket];
            if (seen >= rank)
            {
                return Estimate(bucket);
            }
        }

        return Estimate(counts.Count - 1);
    }

    /// <summary>Latencies are whole milliseconds: the middle of the first and last integer a bucket can hold.</summary>
    private static double Estimate(int bucket)
    {
        if (bucket == 0)
        {
            return 0;
        }

        var first = Math.Ceiling(LowerBound(bucket));
        var upper = UpperBound(bucket);
        if (double.IsPositiveInfinity(upper))
        {
            return first;
        }

        var last = Math.Max(first, Math.Ceiling(upper) - 1);
        return Math.Sqrt(first * last);
    }

    /// <summary>A histogram of the given latencies (tests and the roll-up share this one bucketing).</summary>
    public static long[] Of(IEnumerable<int> milliseconds)
    {
        var counts = new long[Buckets];
        foreach (var ms in milliseconds)
        {
            counts[BucketOf(ms)]++;
        }

        return counts;
    }
}
