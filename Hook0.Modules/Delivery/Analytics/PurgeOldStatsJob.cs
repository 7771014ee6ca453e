using Hook0.Modules.Kernel.Housekeeping;
using Hook0.Modules.Organizations.Contracts;
using Mediator;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Hook0.Modules.Delivery.Analytics;

/// <summary>
/// Purges roll-up minutes and hours older than their application's retention plus the grace period, like
/// the attempts they sum. The cutoff is taken down to its hour (UTC) for both tables, so whole hours go
/// at once and every hour row left still equals the sum of its minute rows (ADR 0013).
/// </summary>
internal sealed class PurgeOldStatsJob(NpgsqlDataSource db, ISender sender, IOptions<HousekeepingOptions> options, TimeProvider time) : IHousekeepingJob
{
    public string Name => "old delivery statistics";

    public TimeSpan Period => options.Value.Period;

    public bool ReportOnly => !options.Value.OldEventsCleanupDelete;

    public async Task<long> RunAsync(bool reportOnly, CancellationToken cancellationToken)
    {
        var cutoffs = await sender.GetRetentionCutoffsAsync(options.Value.OldEventsCleanupGraceDays, time.GetUtcNow().UtcDateTime, cancellationToken);
        if (cutoffs.ApplicationIds.Length == 0)
        {
            return 0;
        }

        return await PurgeAsync("delivery_stat_minute", "minute") + await PurgeAsync("delivery_stat_hour", "hour");

        Task<long> PurgeAsync(string table, string period)
        {
            var selection = $"""
                FROM webhook.{table} s JOIN unnest(@apps, @cutoffs) AS r(app, cutoff) ON s.application_id = r.app
                WHERE s.{period} < date_trunc('hour', r.cutoff, 'UTC')
                """;
            return BatchedDelete.RunAsync(db, $"""
                WITH doomed AS (SELECT s.subscription_id, s.{period} {selection} LIMIT @batch),
                     gone AS (DELETE FROM webhook.{table} x USING doomed d
                              WHERE x.subscription_id = d.subscription_id AND x.{period} = d.{period} RETURNING 1)
                SELECT count(*) FROM gone
                """, $"SELECT count(*) {selection}", reportOnly, cutoffs.AddTo, cancellationToken);
        }
    }
}
