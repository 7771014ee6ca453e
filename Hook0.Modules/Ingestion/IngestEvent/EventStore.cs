namespace Hook0.Modules.Ingestion.IngestEvent;

/// <summary>
/// Writes prepared events with their attempts: each event row and the attempts Delivery creates for it
/// share one transaction (shared with other requests' events by the group commit), so a matching
/// failure leaves no event behind, and a request's events are committed together.
/// </summary>
internal sealed class EventStore(IngestGroupCommit groupCommit)
{
    /// <returns>One outcome per event, in order: stored, refused by the daily quota, or its id already ingested.</returns>
    public Task<IReadOnlyList<StoreOutcome>> StoreAsync(IReadOnlyList<PreparedEvent> events, CancellationToken cancellationToken)
        => groupCommit.StoreAsync(events, cancellationToken);
}
