using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.Dashboard.Accessibility;

/// <summary>
/// What the toured pages show, made through the public API only (faster than clicking, and the clicking is
/// pinned by the journey tests): a verified user, their personal organization, an application with an event
/// type, a subscription to a loopback receiver, one event delivered to it, a service token, and a customer-portal
/// link whose label scope holds that subscription (so the portal's pages show it, its delivery and the event type).
/// </summary>
public sealed record TourSeed(string Email, string Password, Guid OrganizationId, Guid ApplicationId, Guid SubscriptionId, Guid EventId,
    Guid AttemptId, Guid TokenId, string PortalLink)
{
    /// <summary>The value of each route parameter of the dashboard's pages, by the parameter's name.</summary>
    public IReadOnlyDictionary<string, Guid> RouteValues => new Dictionary<string, Guid>(StringComparer.Ordinal)
    {
        ["OrganizationId"] = OrganizationId,
        ["ApplicationId"] = ApplicationId,
        ["SubscriptionId"] = SubscriptionId,
        ["EventId"] = EventId,
        ["AttemptId"] = AttemptId,
        ["TokenId"] = TokenId,
    };

    /// <summary>Needs a server with AUTO_VERIFY_USERS and its delivery workers on, allowed to call loopback.</summary>
    public static async Task<TourSeed> CreateAsync(HttpClient api, string receiverUrl)
    {
        const string email = "ada@example.com";
        const string password = UserAccounts.Password;
        await PostAsync(api, "/api/v1/register", new { first_name = "Ada", last_name = "Lovelace", email, password });
        var login = await PostAsync(api, "/api/v1/auth/login", new { email, password });
        using var user = new HttpClient { BaseAddress = api.BaseAddress };
        user.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login["access_token"]!.GetValue<string>());

        var organizationId = (await user.GetFromJsonAsync<JsonArray>("/api/v1/organizations"))![0]!["organization_id"]!.GetValue<Guid>();
        var applicationId = (await PostAsync(user, "/api/v1/applications", new { organization_id = organizationId, name = "Billing" }))["application_id"]!.GetValue<Guid>();
        var eventType = (await PostAsync(user, "/api/v1/event_types", new { application_id = applicationId, service = "billing", resource_type = "invoice", verb = "paid" }))["event_type_name"]!.GetValue<string>();
        var subscriptionId = (await PostAsync(user, "/api/v1/subscriptions", new Dictionary<string, object?>
        {
            ["application_id"] = applicationId,
            ["is_enabled"] = true,
            ["description"] = "Accounting",
            ["event_types"] = new[] { eventType },
            ["labels"] = new Dictionary<string, string> { ["env"] = "prod" },
            ["target"] = new { type = "http", method = "POST", url = receiverUrl, headers = new Dictionary<string, string>() },
        }))["subscription_id"]!.GetValue<Guid>();
        var tokenId = (await PostAsync(user, "/api/v1/service_token", new { organization_id = organizationId, name = "CI" }))["token_id"]!.GetValue<Guid>();

        var secret = (await user.GetFromJsonAsync<JsonArray>($"/api/v1/application_secrets?application_id={applicationId}"))![0]!["token"]!.GetValue<string>();
        using var application = new HttpClient { BaseAddress = api.BaseAddress };
        application.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        var eventId = (await PostAsync(application, "/api/v1/event",
            Scenario.Event(applicationId, eventType, payload: """{"invoice": {"id": "in_42", "amount": 4200, "currency": "EUR"}}""")))["event_id"]!.GetValue<Guid>();

        // The attempt detail is toured with the response it got, so wait for the delivery to finish.
        var attemptId = Guid.Empty;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (attemptId == Guid.Empty && DateTime.UtcNow < deadline)
        {
            var done = await user.GetFromJsonAsync<JsonArray>($"/api/v1/request_attempts?application_id={applicationId}&status=successful");
            if (done is [{ } first, ..])
            {
                attemptId = first["request_attempt_id"]!.GetValue<Guid>();
            }
            else
            {
                await Task.Delay(200);
            }
        }

        Assert.That(attemptId, Is.Not.EqualTo(Guid.Empty), "the seeded event was delivered to the loopback receiver");
        var portalUrl = (await PostAsync(user, "/api/v1/portal_sessions", new
        {
            application_id = applicationId, labels = new Dictionary<string, string> { ["env"] = "prod" }, lifetime_in_s = 3600,
        }))["url"]!.GetValue<string>();
        var portalLink = portalUrl[portalUrl.IndexOf("/portal/", StringComparison.Ordinal)..]; // APP_URL is not the test server's
        return new TourSeed(email, password, organizationId, applicationId, subscriptionId, eventId, attemptId, tokenId, portalLink);
    }

    private static async Task<JsonNode> PostAsync(HttpClient client, string url, object body)
    {
        var response = await client.PostAsJsonAsync(url, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.IsSuccessStatusCode, Is.True, $"{url}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }
}
