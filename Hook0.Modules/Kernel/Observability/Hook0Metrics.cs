using System.Diagnostics.Metrics;

namespace Hook0.Modules.Kernel.Observability;

/// <summary>
/// Hook0's own meters (exported as <c>hook0_*</c> on <c>/metrics</c> and over OTLP). Tags stay
/// low-cardinality on purpose: outcomes and error classes, never ids.
/// </summary>
public static class Hook0Metrics
{
    public const string MeterName = "Hook0";

    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> EventsIngested =
        Meter.CreateCounter<long>("hook0.events.ingested", "{event}", "Events stored (each with its attempts)");

    public static readonly Counter<long> AttemptsCompleted =
        Meter.CreateCounter<long>("hook0.attempts.completed", "{attempt}", "Delivery tries by outcome and error class");

    public static readonly Histogram<double> DeliveryDuration =
        Meter.CreateHistogram<double>("hook0.delivery.duration", "ms", "Time of one delivery call");

    public static readonly Counter<long> DeadLetters =
        Meter.CreateCounter<long>("hook0.dead_letters", "{attempt}", "Attempts that failed for good, by reason");
}
