using Hook0.Modules.Kernel.Housekeeping;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Hook0.Modules.Organizations.Housekeeping;

/// <summary>
/// Removes invitations expired for longer than the expired-token grace period (they are never shown
/// or accepted again), with the expired tokens' settings: both are expired credentials of a kind.
/// </summary>
internal sealed class ExpiredInvitationsJob(NpgsqlDataSource db, IOptions<HousekeepingOptions> options, TimeProvider time) : IHousekeepingJob
{
    private const string Selection = "FROM iam.invitation WHERE expires_at < @cutoff";

    public string Name => "expired invitations";

    public TimeSpan Period => TimeSpan.FromSeconds(options.Value.ExpiredTokensCleanupPeriodSeconds);

    public bool ReportOnly => !options.Value.ExpiredTokensCleanupDelete;

    public Task<long> RunAsync(bool reportOnly, CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow().UtcDateTime.AddDays(-options.Value.ExpiredTokensCleanupGraceDays);
        return BatchedDelete.RunAsync(db,
            $"WITH gone AS (DELETE FROM iam.invitation WHERE invitation_id IN (SELECT invitation_id {Selection} LIMIT @batch) RETURNING 1) SELECT count(*) FROM gone",
            $"SELECT count(*) {Selection}", reportOnly, p => p.AddWithValue("cutoff", cutoff), cancellationToken);
    }
}
