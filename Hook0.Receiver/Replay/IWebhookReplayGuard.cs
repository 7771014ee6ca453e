namespace Hook0.Receiver;

/// <summary>
/// Replay protection hook. A retry is signed again at a new moment, so (message id, moment) tells a retry
/// (new moment: let it through, the handler decides idempotency) from a replay of a captured request
/// (same moment: refuse). Entries older than the tolerance can be forgotten: the moment check refuses those.
/// </summary>
public interface IWebhookReplayGuard
{
    /// <returns>true when this (id, moment) pair is new and is now recorded; false when it was seen before.</returns>
    Task<bool> TryRecordAsync(string messageId, DateTimeOffset timestamp, CancellationToken cancellationToken);
}
