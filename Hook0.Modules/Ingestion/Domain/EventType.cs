namespace Hook0.Modules.Ingestion.Domain;

/// <summary>
/// An event type <c>service.resource_type.verb</c> of one application. Upstream keeps service,
/// resource type and verb in three parent tables; here they are columns of one row (ADR 0002).
/// </summary>
internal sealed class EventType
{
    public Guid ApplicationId { get; set; }
    public required string Name { get; set; }
    public required string Service { get; set; }
    public required string ResourceType { get; set; }
    public required string Verb { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? DeactivatedAt { get; set; }

    /// <summary>Optional JSON Schema (draft 2020-12) that JSON payloads of this type must satisfy.</summary>
    public string? PayloadSchema { get; set; }

    /// <summary>What the type means, for whoever subscribes to it (our addition, ADR 0021).</summary>
    public string? Description { get; set; }

    /// <summary>An example JSON payload (jsonb); it satisfies <see cref="PayloadSchema"/> when both are set.</summary>
    public string? ExamplePayload { get; set; }

    /// <summary>Still accepted and delivered; the dashboard marks it so new subscriptions avoid it.</summary>
    public bool Deprecated { get; set; }
}
