using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Hook0.Tests.Infrastructure;

/// <summary>Builds test fixtures through the public API only, as a client would.</summary>
public sealed class Scenario(HttpClient master)
{
    public async Task<Guid> OrganizationAsync(string name = "Acme")
        => (await PostAsync("/api/v1/organizations", new { name }, 200))["organization_id"]!.GetValue<Guid>();

    public async Task<Guid> ApplicationAsync(Guid organizationId, string name = "Billing")
        => (await PostAsync("/api/v1/applications", new { organization_id = organizationId, name }, 201))["application_id"]!.GetValue<Guid>();

    /// <summary>Turns the application's payload search (ADR 0025) on or off, as a client would: <c>PUT</c> with the field.</summary>
    public async Task<JsonNode> PayloadSearchAsync(Guid applicationId, bool on, string name = "Billing")
    {
        var response = await master.PutAsJsonAsync($"/api/v1/applications/{applicationId}", new { organization_id = Guid.Empty, name, payload_search = on });
        var text = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(200), text);
        return JsonNode.Parse(text)!;
    }

    /// <summary>The "Default" secret every new application gets: an application-scoped credential.</summary>
    public async Task<string> SecretAsync(Guid applicationId)
    {
        var list = await master.GetFromJsonAsync<JsonArray>($"/api/v1/application_secrets?application_id={applicationId}");
        return list![0]!["token"]!.GetValue<string>();
    }

    public async Task<string> EventTypeAsync(Guid applicationId, string service = "billing", string resource = "invoice", string verb = "paid")
        => (await PostAsync("/api/v1/event_types", new { application_id = applicationId, service, resource_type = resource, verb }, 201))["event_type_name"]!.GetValue<string>();

    public async Task<JsonNode> SubscriptionAsync(Guid applicationId, string[] eventTypes, object? labels = null, string url = "https://example.com/hook")
        => await PostAsync("/api/v1/subscriptions", new
        {
            application_id = applicationId,
            is_enabled = true,
            event_types = eventTypes,
            labels = labels ?? new Dictionary<string, string> { ["env"] = "prod" },
            target = new { type = "http", method = "POST", url, headers = new Dictionary<string, string>() },
        }, 201);

    public static object Event(Guid applicationId, string eventType, object? labels = null, string payload = "{\"test\":true}",
        string contentType = "application/json", Guid? eventId = null)
        => new Dictionary<string, object?>
        {
            ["application_id"] = applicationId,
            ["event_id"] = eventId,
            ["event_type"] = eventType,
            ["payload"] = payload,
            ["payload_content_type"] = contentType,
            ["occurred_at"] = DateTime.UtcNow,
            ["labels"] = labels ?? new Dictionary<string, string> { ["env"] = "prod" },
        }.Where(kv => kv.Value is not null).ToDictionary();

    /// <summary>Ingests an event and answers its id.</summary>
    public async Task<Guid> IngestAsync(Guid applicationId, string eventType, object? labels = null, string payload = "{\"test\":true}",
        string contentType = "application/json")
        => (await PostAsync("/api/v1/event", Event(applicationId, eventType, labels, payload, contentType), 201))["event_id"]!.GetValue<Guid>();

    /// <summary>An organization with one application, one event type and the application's secret.</summary>
    public async Task<Tenant> TenantAsync(string name = "Acme")
    {
        var organizationId = await OrganizationAsync(name);
        var applicationId = await ApplicationAsync(organizationId);
        var eventType = await EventTypeAsync(applicationId);
        return new Tenant(organizationId, applicationId, await SecretAsync(applicationId), eventType);
    }

    private async Task<JsonNode> PostAsync(string url, object body, int status)
    {
        var response = await master.PostAsJsonAsync(url, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(status), $"{url}: {text}");
        return JsonNode.Parse(text)!;
    }
}

public sealed record Tenant(Guid OrganizationId, Guid ApplicationId, string Secret, string EventType);
