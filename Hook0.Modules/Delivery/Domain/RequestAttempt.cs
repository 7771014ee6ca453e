namespace Hook0.Modules.Delivery.Domain;

/// <summary>
/// One try at delivering one event to one subscription. A failed try that may be retried gets a new
/// row with <see cref="RetryCount"/> + 1 and a <see cref="DelayUntil"/> (upstream's model).
/// </summary>
internal sealed class RequestAttempt
{
    public Guid Id { get; set; }
    public Guid EventId { get; set; }
    public Guid SubscriptionId { get; set; }
    public Guid ApplicationId { get; set; }

    /// <summary>Copied from the event at dispatch: filters and lists need it without reading Ingestion's tables.</summary>
    public required string EventTypeName { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? PickedAt { get; set; }
    public string? WorkerName { get; set; }
    public string? WorkerVersion { get; set; }
    public DateTime? FailedAt { get; set; }
    public DateTime? SucceededAt { get; set; }
    public DateTime? DelayUntil { get; set; }
    public Guid? ResponseId { get; set; }
    public short RetryCount { get; set; }

    /// <summary>While set and in the future, a worker holds this attempt; after it, any worker may take it again.</summary>
    public DateTime? LeaseUntil { get; set; }

    /// <summary>Why a failed attempt gets no successor (exhausted, invalid_header, gone_410, subscription_gone, …).</summary>
    public string? GiveUpReason { get; set; }

    /// <summary>When a dead letter was sent again by hand (it then leaves the dead-letter list).</summary>
    public DateTime? RetriedAt { get; set; }
}
