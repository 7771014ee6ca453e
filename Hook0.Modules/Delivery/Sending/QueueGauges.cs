using System.Diagnostics.Metrics;
using Hook0.Modules.Kernel.Observability;
using Hook0.Modules.Kernel.Periodic;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Hook0.Modules.Delivery.Sending;

/// <summary>
/// Queue depth (attempts due now) and lag (how long the oldest of them has been due), sampled every
/// 15 s rather than per scrape so that scrapes never query the database.
/// </summary>
internal sealed class QueueGauges : PeriodicJob<(long Depth, double LagSeconds)>
{
    // Due and not under a live lease: what waits for a worker now (in-flight attempts are not depth; parked ones,
    // due at infinity, are not due). The queue is narrow (ADR 0016), so the count reads little.
    private const string Sql = """
        SELECT count(*), coalesce(extract(epoch FROM now() - min(due_at)), 0)
        FROM webhook.delivery_queue
        WHERE due_at <= now() AND (lease_until IS NULL OR lease_until <= now())
        """;

    private long _depth;
    private double _lagSeconds;

    public QueueGauges(NpgsqlDataSource db, TimeProvider time, ILogger<QueueGauges> logger, IMeterFactory meters) : base(db, time, logger)
    {
        var meter = meters.Create(Hook0Metrics.MeterName);
        meter.CreateObservableGauge("hook0.queue.depth", () => Volatile.Read(ref _depth), "{attempt}", "Attempts due for delivery now");
        meter.CreateObservableGauge("hook0.queue.lag", () => Volatile.Read(ref _lagSeconds), "s", "How long the oldest due attempt has waited");
    }

    public override string Name => "queue gauges";

    protected override TimeSpan Interval => TimeSpan.FromSeconds(15);

    /// <returns>The sample the gauges now show.</returns>
    protected override async Task<(long Depth, double LagSeconds)> RunAsync(NpgsqlConnection? lockHolder, CancellationToken cancellationToken)
    {
        await using var command = Db.CreateCommand(Sql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var sample = (reader.GetInt64(0), (double)reader.GetDecimal(1));
        Volatile.Write(ref _depth, sample.Item1);
        Volatile.Write(ref _lagSeconds, sample.Item2);
        return sample;
    }
}
