namespace Hook0.Modules.Kernel.Persistence;

/// <summary>
/// Chains the hosted services behind the start-up gate (<see cref="AfterDatabaseReady"/>): each one's
/// start waits for the start of the one registered before it, so they start in the host's order.
/// </summary>
internal sealed class GatedStartOrder
{
    private Task _last = Task.CompletedTask;

    /// <summary>Records <paramref name="started"/> as the latest start signal; returns the one before it.</summary>
    public Task Append(Task started) => Interlocked.Exchange(ref _last, started);
}
