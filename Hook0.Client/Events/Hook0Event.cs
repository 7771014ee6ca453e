namespace Hook0.Client;

/// <summary>One event to send. Its id is minted once (a UUIDv7) so every retry of the same send is recognised by the server.</summary>
public sealed class Hook0Event
{
    public Hook0Event(string eventType, string payload, IDictionary<string, string> labels, string payloadContentType = "application/json")
    {
        EventType = eventType ?? throw new ArgumentNullException(nameof(eventType));
        Payload = payload ?? throw new ArgumentNullException(nameof(payload));
        Labels = labels ?? throw new ArgumentNullException(nameof(labels));
        PayloadContentType = payloadContentType;
    }

    public Guid EventId { get; set; } = EventIds.NewId();

    /// <summary><c>service.resource.verb</c>.</summary>
    public string EventType { get; }

    /// <summary>The payload as text (JSON for <c>application/json</c>).</summary>
    public string Payload { get; }

    public string PayloadContentType { get; }

    /// <summary>At least one: subscriptions match on labels.</summary>
    public IDictionary<string, string> Labels { get; }

    public IDictionary<string, string>? Metadata { get; set; }

    public DateTimeOffset OccurredAt { get; set; } = DateTimeOffset.UtcNow;
}
