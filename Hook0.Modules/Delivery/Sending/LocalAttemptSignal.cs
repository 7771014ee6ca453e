namespace Hook0.Modules.Delivery.Sending;

/// <summary>
/// Wakes this instance's delivery worker as soon as attempts it may claim are committed here (by the
/// ingest group commit), without waiting for the NOTIFY to travel through PostgreSQL and back (the
/// committing backend, the listening backend, then the LISTEN connection: two process wake-ups on
/// a busy machine). The NOTIFY still goes out for the other instances, carrying this instance's
/// <see cref="Instance"/> so that this instance's worker ignores it (a second wake-up would cost an
/// empty claim per group).
/// </summary>
internal sealed class LocalAttemptSignal
{
    /// <summary>This process's name on the attempts channel (other NOTIFY senders send an empty payload).</summary>
    public static string Instance { get; } = Guid.NewGuid().ToString("N");

    public event Action? Raised;

    public void Raise() => Raised?.Invoke();
}
