namespace Hook0.Modules.Delivery.Domain;

/// <summary>
/// One finished attempt in the history (<c>webhook.attempt</c>): written once, when its outcome is known, never
/// updated; partitioned by day of <see cref="CreatedAt"/> (ADR 0016). The response it got is in the same row;
/// <see cref="ResponseId"/> equals the attempt's id for every attempt recorded since the second design.
/// </summary>
internal sealed class AttemptRecord
{
    public Guid ApplicationId { get; set; }

    /// <summary>When the attempt was scheduled (the partition key and the lists' order).</summary>
    public DateTime CreatedAt { get; set; }
    public Guid RequestAttemptId { get; set; }
    public Guid SubscriptionId { get; set; }
    public Guid EventId { get; set; }

    /// <summary>When its event was received: the event table's partition key (the payload is read from there, never copied).</summary>
    public DateTime EventReceivedAt { get; set; }
    public required string EventTypeName { get; set; }

    /// <summary>Upstream's <c>retry_count</c>: 0 for the first try.</summary>
    public short AttemptNumber { get; set; }

    /// <summary><c>succeeded</c>, <c>retried</c> (failed, a successor is queued), <c>given_up</c> or <c>cancelled</c>.</summary>
    public required string Outcome { get; set; }

    /// <summary>The give-up or cancel reason; null for succeeded and retried attempts.</summary>
    public string? Reason { get; set; }

    /// <summary>When it was due (a retry's delay; the creation time for a first try).</summary>
    public DateTime? DelayUntil { get; set; }
    public DateTime? PickedAt { get; set; }
    public DateTime CompletedAt { get; set; }
    public string? WorkerName { get; set; }
    public string? WorkerVersion { get; set; }

    /// <summary>The request's headers as sent, secret values masked when written (JSON object).</summary>
    public string? RequestHeaders { get; set; }
    public Guid? ResponseId { get; set; }
    public short? HttpCode { get; set; }
    public string? ResponseErrorName { get; set; }

    /// <summary>The response's headers (JSON object).</summary>
    public string? ResponseHeaders { get; set; }
    public byte[]? ResponseBody { get; set; }
    public bool ResponseBodyTruncated { get; set; }
    public int? ElapsedMs { get; set; }
}
