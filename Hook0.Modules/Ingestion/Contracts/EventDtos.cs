namespace Hook0.Modules.Ingestion.Contracts;

/// <summary>What <c>POST /event</c> answers.</summary>
public sealed record IngestedEventDto(Guid ApplicationId, Guid EventId, DateTime ReceivedAt);

/// <summary>An event as listed (upstream's <c>Event</c>).</summary>
public sealed record EventDto(
    Guid EventId,
    string EventTypeName,
    string PayloadContentType,
    string Ip,
    IReadOnlyDictionary<string, string>? Metadata,
    DateTime OccurredAt,
    DateTime ReceivedAt,
    IReadOnlyDictionary<string, string> Labels);

/// <summary>An event with its payload, always standard base64 of the stored bytes (upstream's <c>EventWithPayload</c>).</summary>
public sealed record EventWithPayloadDto(
    Guid EventId,
    string EventTypeName,
    string PayloadContentType,
    string Ip,
    IReadOnlyDictionary<string, string>? Metadata,
    DateTime OccurredAt,
    DateTime ReceivedAt,
    IReadOnlyDictionary<string, string> Labels,
    string Payload);
