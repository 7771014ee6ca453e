using Hook0.Modules.Kernel.Housekeeping;
using Hook0.Modules.Organizations.Contracts;
using Mediator;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Hook0.Modules.Delivery.Housekeeping;

/// <summary>Purges attempts (with their responses) older than their application's retention plus the grace period.</summary>
internal sealed class PurgeOldAttemptsJob(NpgsqlDataSource db, ISender sender, IOptions<HousekeepingOptions> options, TimeProvider time) : IHousekeepingJob
{
    private const string Selection = """
        FROM webhook.request_attempt a JOIN unnest(@apps, @cutoffs) AS r(app, cutoff) ON a.application_id = r.app
        WHERE a.created_at < r.cutoff
        """;

    public string Name => "old attempts";

    public TimeSpan Period => options.Value.Period;

    public bool ReportOnly => !options.Value.OldEventsCleanupDelete;

    public async Task<long> RunAsync(bool reportOnly, CancellationToken cancellationToken)
    {
        var cutoffs = await sender.GetRetentionCutoffsAsync(options.Value.OldEventsCleanupGraceDays, time.GetUtcNow().UtcDateTime, cancellationToken);
        return cutoffs.ApplicationIds.Length == 0 ? 0 : await BatchedDelete.RunAsync(db, $"""
            WITH doomed AS (SELECT a.request_attempt_id {Selection} LIMIT @batch),
                 gone AS (DELETE FROM webhook.request_attempt x USING doomed d WHERE x.request_attempt_id = d.request_attempt_id RETURNING x.response_id),
                 responses AS (DELETE FROM webhook.response WHERE response_id IN (SELECT response_id FROM gone) RETURNING 1)
            SELECT count(*) FROM gone
            """, $"SELECT count(*) {Selection}", reportOnly, cutoffs.AddTo, cancellationToken);
    }
}
