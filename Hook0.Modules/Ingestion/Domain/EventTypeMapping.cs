using System.Text.Json;
using Hook0.Modules.Ingestion.Contracts;

namespace Hook0.Modules.Ingestion.Domain;

internal static class EventTypeMapping
{
    public static EventTypeDto ToDto(this EventType type)
        => new(type.Service, type.ResourceType, type.Verb, type.Name, Json(type.PayloadSchema))
        {
            Description = type.Description,
            Example = Json(type.ExamplePayload),
            Deprecated = type.Deprecated,
        };

    private static JsonElement? Json(string? stored) => stored is null ? null : JsonDocument.Parse(stored).RootElement.Clone();
}
