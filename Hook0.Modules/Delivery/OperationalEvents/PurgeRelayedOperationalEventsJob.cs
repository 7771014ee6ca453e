using Hook0.Modules.Kernel.Housekeeping;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Hook0.Modules.Delivery.OperationalEvents;

/// <summary>
/// Removes outbox rows relayed a week ago: once relayed, the event lives in the system application
/// (under its retention like any event); the row is kept a while only for whoever investigates.
/// </summary>
internal sealed class PurgeRelayedOperationalEventsJob(NpgsqlDataSource db, IOptions<HousekeepingOptions> options, TimeProvider time) : IHousekeepingJob
{
    private static readonly TimeSpan KeptFor = TimeSpan.FromDays(7);

    private const string Selection = "FROM webhook.operational_event WHERE relayed_at < @cutoff";

    public string Name => "relayed operational events";

    public TimeSpan Period => options.Value.Period;

    public bool ReportOnly => !options.Value.OldEventsCleanupDelete;

    public Task<long> RunAsync(bool reportOnly, CancellationToken cancellationToken)
        => BatchedDelete.RunAsync(db, $"""
            WITH gone AS (DELETE FROM webhook.operational_event WHERE operational_event_id IN (SELECT operational_event_id {Selection} LIMIT @batch) RETURNING 1)
            SELECT count(*) FROM gone
            """, $"SELECT count(*) {Selection}", reportOnly,
            p => p.Add(new NpgsqlParameter<DateTime>("cutoff", time.GetUtcNow().UtcDateTime - KeptFor)), cancellationToken);
}
