using Hook0.Modules.Kernel.Housekeeping;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Hook0.Modules.Organizations.Housekeeping;

/// <summary>
/// Removes rows of one kind of expired credential kept past the expired-token grace period, under the expired
/// tokens' settings (upstream has one setting family for them): tokens and invitations differ only by table and
/// columns, so one job serves both, registered once per kind.
/// </summary>
internal sealed class ExpiredCredentialsJob(ExpiredCredentials kind, NpgsqlDataSource db, IOptions<HousekeepingOptions> options, TimeProvider time)
    : IHousekeepingJob
{
    public string Name => kind.Name;

    public TimeSpan Period => TimeSpan.FromSeconds(options.Value.ExpiredTokensCleanupPeriodSeconds);

    public bool ReportOnly => !options.Value.ExpiredTokensCleanupDelete;

    public Task<long> RunAsync(bool reportOnly, CancellationToken cancellationToken)
    {
        var selection = $"FROM {kind.Table} WHERE {kind.ExpiresAt} < @cutoff";
        var cutoff = time.GetUtcNow().UtcDateTime.AddDays(-options.Value.ExpiredTokensCleanupGraceDays);
        return BatchedDelete.RunAsync(db,
            $"WITH gone AS (DELETE FROM {kind.Table} WHERE {kind.Key} IN (SELECT {kind.Key} {selection} LIMIT @batch) RETURNING 1) SELECT count(*) FROM gone",
            $"SELECT count(*) {selection}", reportOnly, p => p.AddWithValue("cutoff", cutoff), cancellationToken);
    }
}
