using Hook0.Modules.Kernel.Housekeeping;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Hook0.Modules.Organizations.Housekeeping;

/// <summary>
/// Removes rows of one kind of expired credential kept past the expired-token grace period, under the expired
/// tokens' settings (upstream has one setting family for them): tokens and invitations differ only by table and columns.
/// </summary>
internal abstract class ExpiredCredentialsJob(NpgsqlDataSource db, IOptions<HousekeepingOptions> options, TimeProvider time) : IHousekeepingJob
{
    public abstract string Name { get; }

    /// <summary>The table, its key and its expiry column (constants of the subclass, never input).</summary>
    protected abstract (string Table, string Key, string ExpiresAt) Rows { get; }

    public TimeSpan Period => TimeSpan.FromSeconds(options.Value.ExpiredTokensCleanupPeriodSeconds);

    public bool ReportOnly => !options.Value.ExpiredTokensCleanupDelete;

    public Task<long> RunAsync(bool reportOnly, CancellationToken cancellationToken)
    {
        var (table, key, expiresAt) = Rows;
        var selection = $"FROM {table} WHERE {expiresAt} < @cutoff";
        var cutoff = time.GetUtcNow().UtcDateTime.AddDays(-options.Value.ExpiredTokensCleanupGraceDays);
        return BatchedDelete.RunAsync(db,
            $"WITH gone AS (DELETE FROM {table} WHERE {key} IN (SELECT {key} {selection} LIMIT @batch) RETURNING 1) SELECT count(*) FROM gone",
            $"SELECT count(*) {selection}", reportOnly, p => p.AddWithValue("cutoff", cutoff), cancellationToken);
    }
}
