namespace Hook0.Modules.Delivery.Domain;

/// <summary>
/// An attempt not finished yet (<c>webhook.delivery_queue</c>): only what a claim needs, plus what the lists show of
/// a pending attempt. It leaves the queue in the transaction that writes its <see cref="AttemptRecord"/> (ADR 0016).
/// </summary>
internal sealed class QueuedAttempt
{
    public Guid ApplicationId { get; set; }
    public Guid RequestAttemptId { get; set; }
    public Guid SubscriptionId { get; set; }
    public Guid EventId { get; set; }
    public DateTime EventReceivedAt { get; set; }
    public required string EventTypeName { get; set; }

    /// <summary>When the attempt was scheduled: for attempts created since the second design, the time in its UUIDv7 id.</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>Not before: the creation time, or a retry's delay (paused work keeps its due time: its lane parks it, ADR 0016).</summary>
    public DateTime DueAt { get; set; }
    public short AttemptNumber { get; set; }

    /// <summary>Claimed through its subscription's lane (paused, or with a concurrency or rate limit), not the open index.</summary>
    public bool Metered { get; set; }

    /// <summary>Reserved for ordered delivery (#26).</summary>
    public long? OrderingKeyHash { get; set; }
    public DateTime? LeaseUntil { get; set; }
    public DateTime? PickedAt { get; set; }
    public string? WorkerName { get; set; }
}
