namespace Hook0.Modules.Delivery.Analytics;

/// <summary>
/// What one subscription's finished tries came to in one period (by when they finished), added to by
/// the roll-up only: outcomes, HTTP status classes, error classes and a latency histogram. The minute
/// and hour tables hold the same sums at two grains (ADR 0013).
/// </summary>
internal abstract class DeliveryStatCounts
{
    public Guid SubscriptionId { get; set; }
    public Guid ApplicationId { get; set; }
    public int Succeeded { get; set; }
    public int Failed { get; set; }
    public int Http2xx { get; set; }
    public int Http3xx { get; set; }
    public int Http4xx { get; set; }
    public int Http5xx { get; set; }

    /// <summary>Tries that got no HTTP answer (timeouts, connection and DNS errors, refused targets).</summary>
    public int NoResponse { get; set; }

    /// <summary>A JSON object: <c>response_error_name</c> → count.</summary>
    public string ErrorClasses { get; set; } = "{}";

    /// <summary><see cref="LatencyHistogram.Buckets"/> counts, in <see cref="LatencyHistogram"/>'s buckets.</summary>
    public int[] LatencyBuckets { get; set; } = new int[LatencyHistogram.Buckets];
    public int LatencyCount { get; set; }
    public long LatencySumMs { get; set; }
}

/// <summary>One subscription's sums for one minute: what the 1 h and 24 h charts and the edges of longer windows read.</summary>
internal sealed class DeliveryStatMinute : DeliveryStatCounts
{
    public DateTime Minute { get; set; }
}

/// <summary>
/// One subscription's sums for one hour, always equal to the sum of that hour's minute rows (written by
/// the same roll-up transaction): the whole hours of the 24 h, 7 d and 30 d windows read 60 times fewer rows.
/// </summary>
internal sealed class DeliveryStatHour : DeliveryStatCounts
{
    public DateTime Hour { get; set; }
}

/// <summary>How far the roll-up has read the finished tries: the last one counted, in (finished at, id) order.</summary>
internal sealed class DeliveryStatWatermark
{
    public short Id { get; set; }
    public DateTime CompletedAt { get; set; }
    public Guid RequestAttemptId { get; set; }
    public DateTime UpdatedAt { get; set; }
}
