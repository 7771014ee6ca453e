using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Hook0.Tests.Kernel.Audit;

/// <summary>Reading an organization's audit log through its route, and picking records out of it.</summary>
internal static class AuditLogAssertions
{
    public static async Task<JsonArray> AuditAsync(HttpClient client, Guid organizationId, string query = "")
    {
        var response = await client.GetAsync($"/api/v1/organizations/{organizationId}/audit{query}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(200), body);
        return JsonNode.Parse(body)!.AsArray();
    }

    /// <summary>The one record of this entity type and action (the log is newest first).</summary>
    public static JsonNode One(JsonArray records, string entityType, string action, object? entityId = null)
    {
        var matching = records.Where(r => r!["entity_type"]!.GetValue<string>() == entityType && r["action"]!.GetValue<string>() == action
            && (entityId is null || r["entity_id"]?.GetValue<string>() == entityId.ToString())).ToList();
        Assert.That(matching, Has.Count.EqualTo(1), $"{entityType} {action} in {records.ToJsonString()}");
        return matching[0]!;
    }

    public static int Count(JsonArray records, string entityType, string action)
        => records.Count(r => r!["entity_type"]!.GetValue<string>() == entityType && r["action"]!.GetValue<string>() == action);

    public static string? Diff(JsonNode record, string field, string side) => record["diff"]?[field]?[side]?.ToJsonString();

    public static Task<HttpResponseMessage> PutJsonAsync(HttpClient client, string url, object body) => client.PutAsJsonAsync(url, body);
}
