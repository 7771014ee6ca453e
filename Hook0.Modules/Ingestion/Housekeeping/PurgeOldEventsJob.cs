using Hook0.Modules.Kernel.Housekeeping;
using Hook0.Modules.Organizations.Contracts;
using Mediator;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Hook0.Modules.Ingestion.Housekeeping;

/// <summary>Purges events older than their application's retention plus the grace period.</summary>
internal sealed class PurgeOldEventsJob(NpgsqlDataSource db, ISender sender, IOptions<HousekeepingOptions> options, TimeProvider time) : IHousekeepingJob
{
    private const string Selection = """
        FROM event.event e JOIN unnest(@apps, @cutoffs) AS r(app, cutoff) ON e.application_id = r.app
        WHERE e.received_at < r.cutoff
        """;

    public string Name => "old events";

    public TimeSpan Period => options.Value.Period;

    public bool ReportOnly => !options.Value.OldEventsCleanupDelete;

    public async Task<long> RunAsync(bool reportOnly, CancellationToken cancellationToken)
    {
        var cutoffs = await sender.GetRetentionCutoffsAsync(options.Value.OldEventsCleanupGraceDays, time.GetUtcNow().UtcDateTime, cancellationToken);
        return cutoffs.ApplicationIds.Length == 0 ? 0 : await BatchedDelete.RunAsync(db,
            $"WITH gone AS (DELETE FROM event.event WHERE event_id IN (SELECT e.event_id {Selection} LIMIT @batch) RETURNING 1) SELECT count(*) FROM gone",
            $"SELECT count(*) {Selection}", reportOnly, cutoffs.AddTo, cancellationToken);
    }
}
