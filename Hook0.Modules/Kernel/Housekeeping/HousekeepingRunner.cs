using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Hook0.Modules.Kernel.Housekeeping;

/// <summary>
/// Runs the housekeeping jobs one at a time, each at its period, and on one instance at a time: a
/// PostgreSQL advisory lock decides, so no election of our own is needed when several instances run.
/// </summary>
public sealed partial class HousekeepingRunner(IServiceScopeFactory scopes, NpgsqlDataSource db, TimeProvider time, ILogger<HousekeepingRunner> logger)
    : BackgroundService
{
    // "hook0hk" in ASCII: distinct from the migrator's lock.
    private const long AdvisoryLockKey = 0x686F6F6B30686B;
    private readonly Dictionary<string, DateTimeOffset> _lastRuns = [];

    /// <summary>Runs every job that is due (all of them when <paramref name="force"/>); answers what each removed.</summary>
    public async Task<IReadOnlyDictionary<string, long>> RunDueJobsAsync(bool force, CancellationToken cancellationToken)
    {
        var results = new Dictionary<string, long>();
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using (var tryLock = new NpgsqlCommand($"SELECT pg_try_advisory_lock({AdvisoryLockKey})", connection))
        {
            if (await tryLock.ExecuteScalarAsync(cancellationToken) is not true)
            {
                return results; // another instance is doing it
            }
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            foreach (var job in scope.ServiceProvider.GetServices<IHousekeepingJob>())
            {
                var now = time.GetUtcNow();
                if (!force && _lastRuns.TryGetValue(job.Name, out var last) && now - last < job.Period)
                {
                    continue;
                }

                _lastRuns[job.Name] = now;
                var count = await job.RunAsync(job.ReportOnly, cancellationToken);
                results[job.Name] = count;
                LogJob(logger, job.Name, job.ReportOnly ? "would remove" : "removed", count);
            }
        }
        finally
        {
            await using var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({AdvisoryLockKey})", connection);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }

        return results;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), time);
        do
        {
            try
            {
                await RunDueJobsAsync(false, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Housekeeping {Job}: {Verb} {Count} rows")]
    private static partial void LogJob(ILogger logger, string job, string verb, long count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Housekeeping failed; will retry at the next tick")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
