using System.Reflection;
using Hook0.Modules;
using Hook0.Modules.Kernel.Periodic;
using Hook0.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using NetArchTest.Rules;
using Npgsql;

namespace Hook0.Tests.Kernel.Periodic;

/// <summary>
/// The one way background work runs every so often: at its interval, on one instance when it has an advisory lock,
/// a failing run logged and counted without ending the loop, stopped without an error. Time is a fake clock, so
/// "at the interval" is exact, and the lock is a real PostgreSQL one.
/// </summary>
public sealed class PeriodicJobTests
{
    // Not in the registry: a lock only these tests take ("test0p" in ASCII).
    private const long TestLock = 0x74657374307;

    private NpgsqlDataSource _db = null!;
    private ListLoggerProvider _logs = null!;
    private FakeTimeProvider _time = null!;

    [SetUp]
    public void SetUp()
    {
        _db = NpgsqlDataSource.Create(ApiFixture.Database.ConnectionString);
        _logs = new ListLoggerProvider();
        _time = new FakeTimeProvider();
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        await _db.DisposeAsync();
        _logs.Dispose();
    }

    private ScriptedJob Job(Func<int, NpgsqlConnection?, CancellationToken, Task> run, long? lockId = null)
        => new(_db, _time, _logs.CreateLogger("test"), run, lockId);

    private static async Task UntilAsync(Func<bool> done)
    {
        // A bound against a hang, not a performance figure.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!done())
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    [Test]
    public async Task It_runs_at_start_then_once_per_interval_and_not_before()
    {
        var job = Job((_, _, _) => Task.CompletedTask);
        using var runs = new PeriodicRunsRecorder(job.Name);
        await job.StartAsync(CancellationToken.None);
        try
        {
            // The host starts the loop on a thread of its own: wait for the first run, at start, before moving the clock.
            await UntilAsync(() => job.Runs == 1);

            _time.Advance(ScriptedJob.Every);
            await UntilAsync(() => job.Runs == 2);

            // Half an interval fires no timer: nothing can run, whatever the scheduling.
            _time.Advance(ScriptedJob.Every / 2);
            Assert.That(job.Runs, Is.EqualTo(2), "not before the interval has passed");

            _time.Advance(ScriptedJob.Every / 2);
            await UntilAsync(() => job.Runs == 3);
            Assert.That(runs.Outcomes, Is.EqualTo(new[] { PeriodicRunOutcome.Succeeded, PeriodicRunOutcome.Succeeded, PeriodicRunOutcome.Succeeded }));
        }
        finally
        {
            await job.StopAsync(CancellationToken.None);
        }
    }

    [Test]
    public async Task A_run_is_skipped_while_another_holder_has_the_advisory_lock_and_holds_it_while_it_runs()
    {
        bool? takenWhileRunning = null;
        var job = Job(async (_, lockHolder, ct) =>
        {
            Assert.That(lockHolder, Is.Not.Null, "a job with a lock works on the connection that holds it");
            await using var other = await _db.OpenConnectionAsync(ct);
            takenWhileRunning = await AdvisoryLock.TryTakeAsync(other, TestLock, ct);
        }, TestLock);
        using var runs = new PeriodicRunsRecorder(job.Name);

        await using (var holder = await _db.OpenConnectionAsync())
        {
            Assert.That(await AdvisoryLock.TryTakeAsync(holder, TestLock, CancellationToken.None), Is.True);
            Assert.That(await job.RunOnceAsync(CancellationToken.None), Is.EqualTo(-1), "skipped: the other holder has it");
            Assert.That(job.Runs, Is.Zero);
            await AdvisoryLock.ReleaseAsync(holder, TestLock);
        }

        Assert.That(await job.RunOnceAsync(CancellationToken.None), Is.EqualTo(1));
        Assert.That(takenWhileRunning, Is.False, "no one else gets the lock during the run");

        await using (var after = await _db.OpenConnectionAsync())
        {
            Assert.That(await AdvisoryLock.TryTakeAsync(after, TestLock, CancellationToken.None), Is.True, "released after the run");
            await AdvisoryLock.ReleaseAsync(after, TestLock);
        }

        Assert.That(runs.Outcomes, Is.EqualTo(new[] { PeriodicRunOutcome.Skipped, PeriodicRunOutcome.Succeeded }));
    }

    [Test]
    public async Task A_failing_run_is_logged_and_counted_and_the_next_tick_runs_again()
    {
        var job = Job((number, _, _) => number == 1 ? throw new InvalidOperationException("first run breaks") : Task.CompletedTask);
        using var runs = new PeriodicRunsRecorder(job.Name);
        await job.StartAsync(CancellationToken.None);
        try
        {
            await UntilAsync(() => runs.Outcomes.Count == 1);
            _time.Advance(ScriptedJob.Every);
            await UntilAsync(() => runs.Outcomes.Count == 2);

            Assert.That(runs.Outcomes, Is.EqualTo(new[] { PeriodicRunOutcome.Failed, PeriodicRunOutcome.Succeeded }));
            var warnings = _logs.Lines.Where(l => l.Level == LogLevel.Warning).Select(l => l.Message).ToList();
            Assert.That(warnings, Has.Count.EqualTo(1));
            Assert.That(warnings[0], Does.Contain(job.Name).And.Contain("first run breaks"));
            Assert.That(job.ExecuteTask!.IsCompleted, Is.False, "the loop goes on");
        }
        finally
        {
            await job.StopAsync(CancellationToken.None);
        }
    }

    [Test]
    public async Task Stopping_cancels_the_run_in_progress_and_ends_the_loop_without_an_error()
    {
        var started = new TaskCompletionSource();
        var job = Job(async (_, _, ct) =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
        });
        using var runs = new PeriodicRunsRecorder(job.Name);
        await job.StartAsync(CancellationToken.None);
        await started.Task;

        await job.StopAsync(CancellationToken.None);

        Assert.That(job.ExecuteTask!.Status, Is.EqualTo(TaskStatus.RanToCompletion));
        Assert.That(_logs.Lines.Where(l => l.Level >= LogLevel.Warning), Is.Empty, "stopping is not a failure");
        Assert.That(runs.Outcomes, Is.EqualTo(new[] { PeriodicRunOutcome.Cancelled }));

        _time.Advance(ScriptedJob.Every * 3);
        Assert.That(job.Runs, Is.EqualTo(1), "no run after the stop");
    }

    [Test]
    public void The_registry_has_no_duplicate_lock_id()
    {
        var ids = typeof(AdvisoryLocks).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (Name: f.Name, Id: (long)f.GetRawConstantValue()!)).ToList();

        Assert.That(ids, Has.Count.GreaterThanOrEqualTo(5));
        Assert.That(ids.GroupBy(i => i.Id).Where(g => g.Count() > 1).Select(g => string.Join(" = ", g.Select(i => i.Name))), Is.Empty);
    }

    [Test]
    public void Every_fixed_advisory_lock_id_comes_from_the_registry()
    {
        // A number next to pg_advisory… anywhere in the modules is a lock id the registry does not list.
        var literal = new System.Text.RegularExpressions.Regex(@"pg_(try_)?advisory_(xact_)?(un)?lock(_shared)?\(\s*(0x)?[0-9]",
            System.Text.RegularExpressions.RegexOptions.NonBacktracking);
        var modules = Path.Combine(RepositoryPaths.Root, "Hook0.Modules");
        var offenders = Directory.EnumerateFiles(modules, "*.cs", SearchOption.AllDirectories)
            .Where(f => literal.IsMatch(File.ReadAllText(f)) || System.Text.RegularExpressions.Regex.IsMatch(File.ReadAllText(f), @"const long \w*Lock\w* = "))
            .Where(f => !f.EndsWith(Path.Combine("Periodic", "AdvisoryLocks.cs"), StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(modules, f));

        Assert.That(offenders, Is.Empty);
    }

    [Test]
    public void No_hand_written_timer_loop_remains()
    {
        var result = Types.InAssembly(typeof(ModulesRegistration).Assembly)
            .That().DoNotHaveName(typeof(PeriodicJob<>).Name)
            .ShouldNot().HaveDependencyOn(typeof(PeriodicTimer).FullName)
            .GetResult();

        Assert.That(result.FailingTypeNames ?? [], Is.Empty, "interval loops derive from PeriodicJob<T>");
    }
}
