using Hook0.Modules.Kernel.Periodic;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Hook0.Tests.Kernel.Periodic;

/// <summary>A periodic job whose run is the test's: counts its runs and answers the run's number (-1 when skipped).</summary>
internal sealed class ScriptedJob(NpgsqlDataSource db, TimeProvider time, ILogger logger, Func<int, NpgsqlConnection?, CancellationToken, Task> run,
    long? lockId = null) : PeriodicJob<int>(db, time, logger)
{
    private int _runs;

    public static readonly TimeSpan Every = TimeSpan.FromMinutes(1);

    // Unique per job: the metric's records are told apart by it while other tests run.
    public override string Name { get; } = $"test job {Guid.NewGuid():N}";

    public int Runs => Volatile.Read(ref _runs);

    protected override TimeSpan Interval => Every;

    protected override long? AdvisoryLockId => lockId;

    protected override int Skipped => -1;

    protected override async Task<int> RunAsync(NpgsqlConnection? lockHolder, CancellationToken cancellationToken)
    {
        var number = Interlocked.Increment(ref _runs);
        await run(number, lockHolder, cancellationToken);
        return number;
    }
}
