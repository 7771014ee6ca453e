using System.Net;

namespace Hook0.Modules.Ingestion.Domain;

/// <summary>A received event. Its payload is stored as the exact bytes to deliver.</summary>
internal sealed class Event
{
    public Guid Id { get; set; }
    public Guid ApplicationId { get; set; }
    public required string EventTypeName { get; set; }
    public required byte[] Payload { get; set; }
    public required string PayloadContentType { get; set; }
    public IPAddress? Ip { get; set; }
    public Dictionary<string, string>? Metadata { get; set; }
    public DateTime OccurredAt { get; set; }
    public DateTime ReceivedAt { get; set; }
    public DateTime? DispatchedAt { get; set; }
    public Dictionary<string, string> Labels { get; set; } = [];

    /// <summary>
    /// A JSON event of an application with payload search on at its ingest (ADR 0025): only these are in the payload
    /// index, whose predicate this is, so applications without the setting pay nothing for it.
    /// </summary>
    public bool Searchable { get; set; }
}
