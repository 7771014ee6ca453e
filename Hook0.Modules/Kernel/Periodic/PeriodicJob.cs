using Hook0.Modules.Kernel.Observability;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Hook0.Modules.Kernel.Periodic;

/// <summary>
/// Work a module does every so often: the loop, the optional advisory lock (one instance at a time, no election
/// of our own), error logging and a metric per run are written once here, the job writes only its run.
/// <para>
/// <see cref="RunOnceAsync(CancellationToken)"/> is the run the loop makes, lock and metric included; tests call it
/// directly rather than waiting for a tick. A failing run is logged and counted and the loop goes on at the next
/// tick (a background service that throws would stop the server). Stopping cancels the run in progress and ends
/// the loop without an error.
/// </para>
/// </summary>
/// <typeparam name="TResult">What a run answers (what it did, for the tests and the callers that force a run).</typeparam>
public abstract partial class PeriodicJob<TResult>(NpgsqlDataSource db, TimeProvider time, ILogger logger) : BackgroundService
{
    /// <summary>Names the job in the logs and in the metrics' <c>job</c> tag (one fixed value per job: bounded).</summary>
    public abstract string Name { get; }

    /// <summary>Time between two runs (read once, when the loop starts).</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>An id from <see cref="AdvisoryLocks"/> when the job must run on one instance at a time; null runs everywhere.</summary>
    protected virtual long? AdvisoryLockId => null;

    /// <summary>Whether the loop runs once as soon as it starts, before its first interval has passed.</summary>
    protected virtual bool RunsAtStart => true;

    /// <summary>What a run answers when another holder has the lock (it did nothing).</summary>
    protected virtual TResult Skipped => default!;

    protected NpgsqlDataSource Db => db;

    protected TimeProvider Time => time;

    protected ILogger Logger => logger;

    /// <summary>One run.</summary>
    /// <param name="lockHolder">The connection that holds the advisory lock (null when the job has none): work on it to use no second connection.</param>
    /// <param name="cancellationToken">Cancelled when the server stops.</param>
    protected abstract Task<TResult> RunAsync(NpgsqlConnection? lockHolder, CancellationToken cancellationToken);

    /// <summary>Runs the job now, under its lock if it has one; answers <see cref="Skipped"/> when another holder has it.</summary>
    public Task<TResult> RunOnceAsync(CancellationToken cancellationToken) => RunOnceAsync(RunAsync, cancellationToken);

    /// <summary>A run of other work than <see cref="RunAsync"/> (say, forced), with the same lock, metric and outcome.</summary>
    protected async Task<TResult> RunOnceAsync(Func<NpgsqlConnection?, CancellationToken, Task<TResult>> work, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var outcome = PeriodicRunOutcome.Failed;
        try
        {
            var result = await RunLockedAsync(work, cancellationToken);
            outcome = result.Ran ? PeriodicRunOutcome.Succeeded : PeriodicRunOutcome.Skipped;
            return result.Value;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            outcome = PeriodicRunOutcome.Cancelled;
            throw;
        }
        finally
        {
            Hook0Metrics.RecordPeriodicRun(Name, outcome, time.GetElapsedTime(started));
        }
    }

    private async Task<(bool Ran, TResult Value)> RunLockedAsync(Func<NpgsqlConnection?, CancellationToken, Task<TResult>> work, CancellationToken cancellationToken)
    {
        if (AdvisoryLockId is not { } lockId)
        {
            return (true, await work(null, cancellationToken));
        }

        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        if (!await AdvisoryLock.TryTakeAsync(connection, lockId, cancellationToken))
        {
            return (false, Skipped); // another instance (or another caller here) is doing it
        }

        try
        {
            return (true, await work(connection, cancellationToken));
        }
        finally
        {
            await AdvisoryLock.ReleaseAsync(connection, lockId);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            if (RunsAtStart)
            {
                await RunLoggedAsync(stoppingToken);
            }

            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await RunLoggedAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping: the run in progress was cancelled, nothing to report
        }
    }

    private async Task RunLoggedAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RunOnceAsync(stoppingToken);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            // Any failure, a timeout's cancellation included: the next tick tries again.
            LogFailed(logger, e, Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Periodic job {Job} failed; will retry at the next tick")]
    private static partial void LogFailed(ILogger logger, Exception exception, string job);
}
