namespace Hook0.Modules.Delivery.Domain;

/// <summary>
/// Outbox row of an operational event (ADR 0008): written in the transaction that records what it
/// tells (a health transition, a give-up, a rotation), then relayed once into the organization's
/// system application; its id becomes the event's id, so a relay re-run after a crash is idempotent.
/// </summary>
internal sealed class OperationalEvent
{
    public Guid Id { get; set; }
    public required string EventType { get; set; }

    /// <summary>The application the event is about (the subject's), not the system application.</summary>
    public Guid ApplicationId { get; set; }

    public Guid? SubscriptionId { get; set; }

    /// <summary>The event's <c>data</c> object (JSON).</summary>
    public required string Data { get; set; }

    public DateTime OccurredAt { get; set; }

    /// <summary>When the relay dealt with it (null while pending).</summary>
    public DateTime? RelayedAt { get; set; }

    /// <summary>What the relay did: see <see cref="OperationalEvents.RelayOutcomes"/>.</summary>
    public string? Outcome { get; set; }
}
