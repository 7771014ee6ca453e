using System.Diagnostics;
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

    public static readonly Counter<long> PeriodicRuns =
        Meter.CreateCounter<long>("hook0.periodic.runs", "{run}", "Runs of the periodic jobs, by job and outcome");

    public static readonly Histogram<double> PeriodicRunDuration =
        Meter.CreateHistogram<double>("hook0.periodic.duration", "ms", "Time of one periodic job run, by job and outcome");

    /// <summary>One run of a periodic job (tags: the job's fixed name and the outcome).</summary>
    public static void RecordPeriodicRun(string job, string outcome, TimeSpan elapsed)
    {
        var tags = new TagList { { "job", job }, { "outcome", outcome } };
        PeriodicRuns.Add(1, tags);
        PeriodicRunDuration.Record(elapsed.TotalMilliseconds, tags);
    }
}
