using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hook0.Modules.Ingestion.Contracts;

/// <summary>
/// An event type as the API shows it. <see cref="Schema"/> (ADR 0005), <see cref="Description"/>,
/// <see cref="Example"/> and <see cref="Deprecated"/> (ADR 0021) are this implementation's additions.
/// </summary>
public sealed record EventTypeDto(
    string ServiceName,
    string ResourceTypeName,
    string VerbName,
    string EventTypeName,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonElement? Schema = null)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Description { get; init; }

    /// <summary>An example payload (JSON) of this type; it satisfies <see cref="Schema"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? Example { get; init; }

    /// <summary>
    /// Still accepted and delivered, but new subscriptions should not use it. Written only when true, like the other
    /// additions when unset: a type that uses none of them answers exactly upstream's body.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Deprecated { get; init; }
}
