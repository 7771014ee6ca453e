using Hook0.Modules.Kernel.Periodic;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Hook0.Modules.Kernel.Housekeeping;

/// <summary>
/// Runs the housekeeping jobs one at a time, each at its period, and on one instance at a time: a
/// PostgreSQL advisory lock decides, so no election of our own is needed when several instances run.
/// </summary>
public sealed partial class HousekeepingRunner(IServiceScopeFactory scopes, NpgsqlDataSource db, TimeProvider time, ILogger<HousekeepingRunner> logger)
    : PeriodicJob<IReadOnlyDictionary<string, long>>(db, time, logger)
{
    private readonly Dictionary<string, DateTimeOffset> _lastRuns = [];

    public override string Name => "housekeeping";

    // A tick, not a period: each job has its own period, checked at every tick.
    protected override TimeSpan Interval => TimeSpan.FromMinutes(1);

    protected override long? AdvisoryLockId => AdvisoryLocks.Housekeeping;

    protected override IReadOnlyDictionary<string, long> Skipped => new Dictionary<string, long>();

    /// <summary>Runs every job that is due (all of them when <paramref name="force"/>); answers what each removed.</summary>
    public Task<IReadOnlyDictionary<string, long>> RunDueJobsAsync(bool force, CancellationToken cancellationToken)
        => RunOnceAsync((_, c) => RunJobsAsync(force, c), cancellationToken);

    protected override Task<IReadOnlyDictionary<string, long>> RunAsync(NpgsqlConnection? lockHolder, CancellationToken cancellationToken)
        => RunJobsAsync(false, cancellationToken);

    // Under the lock: _lastRuns is touched by one run at a time.
    private async Task<IReadOnlyDictionary<string, long>> RunJobsAsync(bool force, CancellationToken cancellationToken)
    {
        var results = new Dictionary<string, long>();
        await using var scope = scopes.CreateAsyncScope();
        foreach (var job in scope.ServiceProvider.GetServices<IHousekeepingJob>())
        {
            var now = Time.GetUtcNow();
            if (!force && _lastRuns.TryGetValue(job.Name, out var last) && now - last < job.Period)
            {
                continue;
            }

            _lastRuns[job.Name] = now;
            var count = await job.RunAsync(job.ReportOnly, cancellationToken);
            results[job.Name] = count;
            LogJob(Logger, job.Name, job.ReportOnly ? "would remove" : "removed", count);
        }

        return results;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Housekeeping {Job}: {Verb} {Count} rows")]
    private static partial void LogJob(ILogger logger, string job, string verb, long count);
}
