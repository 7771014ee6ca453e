using System.Text.Json.Nodes;

namespace Hook0.Tests.Contract;

/// <summary>Upstream's published OpenAPI document (API 1.0.2), the reference for wire compatibility.</summary>
public static class OpenApiSnapshot
{
    private static readonly Lazy<JsonNode> Document = new(() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Contract", "openapi.snapshot.json")))!);

    public static JsonNode Root => Document.Value;

    public static IReadOnlyList<string> ProblemIds()
        => [.. Root["components"]!["schemas"]!["Problem"]!["properties"]!["id"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>())];
}
