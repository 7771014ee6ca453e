using System.Text.Json;
using Hook0.Modules.Ingestion.Contracts;

namespace Hook0.Modules.Ingestion.Domain;

internal static class EventTypeMapping
{
    public static EventTypeDto ToDto(this EventType type)
        => new(type.Service, type.ResourceType, type.Verb, type.Name, type.PayloadSchema is null ? null : JsonDocument.Parse(type.PayloadSchema).RootElement.Clone());
}
