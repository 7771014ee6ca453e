

namespace Hook0.Modules.Ingestion.Contracts;

/// <summary>Body of <c>POST /event</c>: the payload is always a JSON string, decoded per its content type.</summary>
public sealed record EventPost(
    Guid ApplicationId,
    string EventType,
    string Payload,
    string PayloadContentType,
    DateTimeOffset OccurredAt,
    Dictionary<string, string> Labels,
    Guid? EventId = null,
    Dictionary<string, string>? Metadata = null);
