using Hook0.Modules.Kernel.Housekeeping;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Hook0.Modules.Organizations.Housekeeping;

/// <summary>Removes token rows expired for longer than the grace period (revocation checks never need them again).</summary>
internal sealed class ExpiredTokensJob(NpgsqlDataSource db, IOptions<HousekeepingOptions> options, TimeProvider time) : IHousekeepingJob
{
    private const string Selection = "FROM iam.token WHERE expired_at < @cutoff";

    public string Name => "expired tokens";

    public TimeSpan Period => TimeSpan.FromSeconds(options.Value.ExpiredTokensCleanupPeriodSeconds);

    public bool ReportOnly => !options.Value.ExpiredTokensCleanupDelete;

    public Task<long> RunAsync(bool reportOnly, CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow().UtcDateTime.AddDays(-options.Value.ExpiredTokensCleanupGraceDays);
        return BatchedDelete.RunAsync(db,
            $"WITH gone AS (DELETE FROM iam.token WHERE token_id IN (SELECT token_id {Selection} LIMIT @batch) RETURNING 1) SELECT count(*) FROM gone",
            $"SELECT count(*) {Selection}", reportOnly, p => p.AddWithValue("cutoff", cutoff), cancellationToken);
    }
}
