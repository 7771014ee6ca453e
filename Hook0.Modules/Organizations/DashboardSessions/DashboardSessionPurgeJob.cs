using Hook0.Modules.Kernel.Periodic;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Hook0.Modules.Organizations.DashboardSessions;

/// <summary>
/// Deletes the dashboard sessions that can never be resumed again (revoked, past their absolute end, or idle
/// too long), so the table holds live sign-ins only and a database dump holds no sealed token it need not.
/// </summary>
internal sealed class DashboardSessionPurgeJob(NpgsqlDataSource db, IOptions<DashboardSessionOptions> options, TimeProvider time,
    ILogger<DashboardSessionPurgeJob> logger) : PeriodicJob<int>(db, time, logger)
{
    public override string Name => "dashboard sessions";

    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.Value.PurgePeriodSeconds);

    protected override long? AdvisoryLockId => AdvisoryLocks.DashboardSessionPurge;

    /// <returns>The sessions deleted.</returns>
    protected override async Task<int> RunAsync(NpgsqlConnection? lockHolder, CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow().UtcDateTime;
        await using var command = new NpgsqlCommand(
            "DELETE FROM iam.dashboard_session WHERE revoked_at IS NOT NULL OR expires_at <= @now OR last_seen_at <= @idle_since", lockHolder)
        {
            Parameters = { new("now", now), new("idle_since", now - options.Value.IdleTimeout) },
        };
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
