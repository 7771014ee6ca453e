using System.Diagnostics.Metrics;
using Hook0.Modules.Kernel.Observability;
using Hook0.Modules.Kernel.Periodic;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Hook0.Modules.Delivery.Protection;

/// <summary>
/// How many circuits are open and how many lanes run under an adaptive rate, with the sum of those rates: aggregates
/// only (no subscription label: one series per subscription would grow without bound). Sampled every 15 s, as the
/// queue gauges, so a scrape never queries the database.
/// </summary>
internal sealed class ProtectionGauges : PeriodicJob<(long Open, long Throttled, double RateSum)>
{
    // Engaged lanes are metered: the metered lanes' index narrows the read to them (a few, usually none).
    private const string Sql = """
        SELECT count(*) FILTER (WHERE circuit_state IS NOT NULL), count(adaptive_rate_per_second), coalesce(sum(adaptive_rate_per_second), 0)
        FROM webhook.delivery_lane
        WHERE metered AND (circuit_state IS NOT NULL OR adaptive_rate_per_second IS NOT NULL)
        """;

    private long _open;
    private long _throttled;
    private double _rateSum;

    public ProtectionGauges(NpgsqlDataSource db, TimeProvider time, ILogger<ProtectionGauges> logger, IMeterFactory meters) : base(db, time, logger)
    {
        var meter = meters.Create(Hook0Metrics.MeterName);
        meter.CreateObservableGauge("hook0.circuits.open", () => Volatile.Read(ref _open), "{subscription}", "Subscriptions whose circuit breaker is open or half-open");
        meter.CreateObservableGauge("hook0.adaptive_rate.throttled", () => Volatile.Read(ref _throttled), "{subscription}",
            "Subscriptions sending under an adaptive rate (their receiver pushed back)");
        meter.CreateObservableGauge("hook0.adaptive_rate.sum", () => Volatile.Read(ref _rateSum), "{delivery}/s", "Sum of the adaptive rates in force");
    }

    public override string Name => "protection gauges";

    protected override TimeSpan Interval => TimeSpan.FromSeconds(15);

    protected override async Task<(long Open, long Throttled, double RateSum)> RunAsync(NpgsqlConnection? lockHolder, CancellationToken cancellationToken)
    {
        await using var command = Db.CreateCommand(Sql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var sample = (reader.GetInt64(0), reader.GetInt64(1), reader.GetDouble(2));
        Volatile.Write(ref _open, sample.Item1);
        Volatile.Write(ref _throttled, sample.Item2);
        Volatile.Write(ref _rateSum, sample.Item3);
        return sample;
    }
}
