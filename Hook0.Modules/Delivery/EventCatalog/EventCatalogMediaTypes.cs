using System.Text.Json;

namespace Hook0.Modules.Delivery.EventCatalog;

internal static class EventCatalogMediaTypes
{
    public const string Json = "application/json";

    /// <summary>RFC 9512's media type for YAML.</summary>
    public const string Yaml = "application/yaml";

    /// <summary>The document is read by people too (and diffed): indented.</summary>
    public static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
}
