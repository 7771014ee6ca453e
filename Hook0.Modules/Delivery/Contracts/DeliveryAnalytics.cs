namespace Hook0.Modules.Delivery.Contracts;

/// <summary>
/// Deliveries in [<see cref="From"/>, <see cref="To"/>): a point per <see cref="Step"/> (empty steps
/// included), totals, and a line per subscription that had deliveries. <see cref="UpTo"/> is how far the
/// roll-up has read (tries finished after it are not counted yet; null before its first run).
/// </summary>
public sealed record DeliveryAnalytics(
    AnalyticsWindow Window,
    DateTime From,
    DateTime To,
    TimeSpan Step,
    DateTime? UpTo,
    IReadOnlyList<DeliveryPoint> Series,
    DeliveryTotals Totals,
    IReadOnlyList<ClassCount> StatusClasses,
    IReadOnlyList<ClassCount> ErrorClasses,
    IReadOnlyList<SubscriptionDeliveries> Subscriptions);

public sealed record DeliveryPoint(DateTime At, long Succeeded, long Failed);

/// <summary>Outcomes and latency; <see cref="SuccessRate"/> (0–1) and the latency are null without deliveries.</summary>
public sealed record DeliveryTotals(long Succeeded, long Failed, double? SuccessRate, LatencyPercentiles? Latency)
{
    public long Total => Succeeded + Failed;
}

/// <summary>Percentiles read from the roll-up's log-scale histogram (within about 9 %), and the exact mean.</summary>
public sealed record LatencyPercentiles(double P50Ms, double P95Ms, double P99Ms, double MeanMs, long Count);

/// <summary>A named count: an HTTP status class (<c>2xx</c> … <c>5xx</c>, <c>no response</c>) or a <c>response_error_name</c>.</summary>
public sealed record ClassCount(string Name, long Count);

public sealed record SubscriptionDeliveries(Guid SubscriptionId, long Succeeded, long Failed, double? SuccessRate, double? MeanLatencyMs);
