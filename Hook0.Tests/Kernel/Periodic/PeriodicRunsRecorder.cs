using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Hook0.Modules.Kernel.Observability;

namespace Hook0.Tests.Kernel.Periodic;

/// <summary>The outcomes <c>hook0.periodic.runs</c> counted for one job, in order.</summary>
internal sealed class PeriodicRunsRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<string> _outcomes = new();

    public PeriodicRunsRecorder(string job)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == Hook0Metrics.MeterName && instrument.Name == "hook0.periodic.runs")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            string? name = null, outcome = null;
            foreach (var tag in tags)
            {
                (name, outcome) = tag.Key switch
                {
                    "job" => ((string?)tag.Value, outcome),
                    "outcome" => (name, (string?)tag.Value),
                    _ => (name, outcome),
                };
            }

            if (name == job)
            {
                _outcomes.Enqueue(outcome!);
            }
        });
        _listener.Start();
    }

    public IReadOnlyList<string> Outcomes => [.. _outcomes];

    public void Dispose() => _listener.Dispose();
}
