using Hook0.Modules.Kernel.Housekeeping;
using Hook0.Modules.Organizations.Contracts;
using Mediator;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Hook0.Modules.Delivery.Analytics;

/// <summary>Purges roll-up minutes older than their application's retention plus the grace period, like the attempts they sum.</summary>
internal sealed class PurgeOldStatsJob(NpgsqlDataSource db, ISender sender, IOptions<HousekeepingOptions> options, TimeProvider time) : IHousekeepingJob
{
    private const string Selection = """
        FROM webhook.delivery_stat_minute s JOIN unnest(@apps, @cutoffs) AS r(app, cutoff) ON s.application_id = r.app
        WHERE s.minute < r.cutoff
        """;

    public string Name => "old delivery statistics";

    public TimeSpan Period => options.Value.Period;

    public bool ReportOnly => !options.Value.OldEventsCleanupDelete;

    public async Task<long> RunAsync(bool reportOnly, CancellationToken cancellationToken)
    {
        var cutoffs = await sender.GetRetentionCutoffsAsync(options.Value.OldEventsCleanupGraceDays, time.GetUtcNow().UtcDateTime, cancellationToken);
        return cutoffs.ApplicationIds.Length == 0 ? 0 : await BatchedDelete.RunAsync(db, $"""
            WITH doomed AS (SELECT s.subscription_id, s.minute {Selection} LIMIT @batch),
                 gone AS (DELETE FROM webhook.delivery_stat_minute x USING doomed d
                          WHERE x.subscription_id = d.subscription_id AND x.minute = d.minute RETURNING 1)
            SELECT count(*) FROM gone
            """, $"SELECT count(*) {Selection}", reportOnly, cutoffs.AddTo, cancellationToken);
    }
}
