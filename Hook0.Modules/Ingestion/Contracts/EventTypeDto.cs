using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hook0.Modules.Ingestion.Contracts;

/// <summary>An event type as the API shows it; <see cref="Schema"/> is this implementation's addition (ADR 0005).</summary>
public sealed record EventTypeDto(
    string ServiceName,
    string ResourceTypeName,
    string VerbName,
    string EventTypeName,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonElement? Schema = null);
