namespace Hook0.Modules.Kernel.Persistence;

/// <summary>
/// The start-up gate (issue #19, finding 9): opens once the database schema is the one this build was
/// compiled with, either because this instance migrated it (under the advisory lock) or, with
/// <c>NO_AUTO_DB_MIGRATION</c>, because another process did. Hosted services start behind it
/// (<see cref="AfterDatabaseReady"/>), requests other than the probes wait for it
/// (<see cref="DatabaseReadinessGate"/>), and <c>/readyz</c> reports it. It never closes again.
/// </summary>
public sealed class DatabaseReadiness
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsReady => _ready.Task.IsCompleted;

    public Task WaitAsync(CancellationToken cancellationToken) => _ready.Task.WaitAsync(cancellationToken);

    internal void Open() => _ready.TrySetResult();
}
