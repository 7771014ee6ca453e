using System.Diagnostics.Metrics;
using Hook0.Modules.Kernel.Observability;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Hook0.Modules.Delivery.SendAttempts;

/// <summary>
/// Queue depth (attempts due now) and lag (how long the oldest of them has been due), sampled every
/// 15 s rather than per scrape so that scrapes never query the database.
/// </summary>
internal sealed partial class QueueGauges : BackgroundService
{
    // Due and not under a live lease: what waits for a worker now (in-flight attempts are not depth; parked ones,
    // due at infinity, are not due). The queue is narrow (ADR 0016), so the count reads little.
    private const string Sql = """
        SELECT count(*), coalesce(extract(epoch FROM now() - min(due_at)), 0)
        FROM webhook.delivery_queue
        WHERE due_at <= now() AND (lease_until IS NULL OR lease_until <= now())
        """;

    private readonly NpgsqlDataSource _db;
    private readonly TimeProvider _time;
    private readonly ILogger<QueueGauges> _logger;
    private long _depth;
    private double _lagSeconds;

    public QueueGauges(NpgsqlDataSource db, TimeProvider time, ILogger<QueueGauges> logger, IMeterFactory meters)
    {
        _db = db;
        _time = time;
        _logger = logger;
        var meter = meters.Create(Hook0Metrics.MeterName);
        meter.CreateObservableGauge("hook0.queue.depth", () => Volatile.Read(ref _depth), "{attempt}", "Attempts due for delivery now");
        meter.CreateObservableGauge("hook0.queue.lag", () => Volatile.Read(ref _lagSeconds), "s", "How long the oldest due attempt has waited");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(15), _time);
        do
        {
            try
            {
                await using var command = _db.CreateCommand(Sql);
                await using var reader = await command.ExecuteReaderAsync(stoppingToken);
                await reader.ReadAsync(stoppingToken);
                Volatile.Write(ref _depth, reader.GetInt64(0));
                Volatile.Write(ref _lagSeconds, (double)reader.GetDecimal(1));
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                LogSampleFailed(_logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sampling the delivery queue failed")]
    private static partial void LogSampleFailed(ILogger logger, Exception exception);
}
