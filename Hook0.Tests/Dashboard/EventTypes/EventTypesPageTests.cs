using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hook0.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Hook0.Tests.Dashboard.EventTypes;

/// <summary>
/// The event-type page in the browser: a duplicate name is refused with a message (instead of silently replacing the
/// type's schema), a malformed schema says where it is wrong in words, a saved schema can be viewed and edited.
/// </summary>
[NonParallelizable]
public sealed class EventTypesPageTests : ApiTest
{
    private const string Password = "Correct-Horse-Battery-42";

    [Test]
    public async Task Duplicates_and_malformed_schemas_are_explained_and_a_saved_schema_is_viewed_and_edited()
    {
        await using var server = await DashboardServer.StartAsync(new Dictionary<string, string?> { ["AUTO_VERIFY_USERS"] = "true" });
        var site = server.BaseAddress.ToString().TrimEnd('/');
        using var master = new HttpClient { BaseAddress = server.BaseAddress };
        master.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Hook0Factory.MasterKey);
        using (var anonymous = new HttpClient { BaseAddress = server.BaseAddress })
        {
            (await anonymous.PostAsJsonAsync("/api/v1/register", new { first_name = "Ada", last_name = "Lovelace", email = "ada@example.com", password = Password })).EnsureSuccessStatusCode();
        }

        var organizationId = await PersonalOrganizationAsync(server);
        var applicationId = await new Scenario(master).ApplicationAsync(organizationId, "Billing");
        var created = await master.PostAsJsonAsync("/api/v1/event_types", new
        {
            application_id = applicationId, service = "billing", resource_type = "invoice", verb = "paid",
            schema = JsonNode.Parse("""{"type":"object","required":["amount"]}"""),
        });
        Assert.That((int)created.StatusCode, Is.EqualTo(201), await created.Content.ReadAsStringAsync());

        await using var browser = await BrowserSession.LaunchAsync();
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = site, ViewportSize = new() { Width = 1400, Height = 1000 } });
        var page = await context.NewPageAsync();
        await page.GoAsync("/login");
        await page.FillFieldAsync("email", "ada@example.com");
        await page.FillFieldAsync("password", Password);
        await page.Test("login").ClickAsync();
        await page.WaitForURLAsync(site + "/");
        await page.GoAsync($"/organizations/{organizationId}/applications/{applicationId}/event-types");

        // A duplicate name: a message next to the name, the saved schema untouched.
        await page.FillFieldAsync("event-type-service", "billing");
        await page.FillFieldAsync("event-type-resource", "invoice");
        await page.FillFieldAsync("event-type-verb", "paid");
        await page.FillFieldAsync("event-type-schema", """{"type":"string"}""");
        await page.Test("create-event-type").ClickAsync();
        await Expect(page.GetByText("Billing.invoice.paid already exists: view or edit its schema in the list above")).ToBeVisibleAsync();
        Assert.That((await SchemaAsync(master, applicationId))?.ToJsonString(), Is.EqualTo("""{"type":"object","required":["amount"]}"""));

        // A malformed schema: where, in words, and nothing created.
        await page.FillFieldAsync("event-type-verb", "refunded");
        await page.FillFieldAsync("event-type-schema", """{"type": "object",}""");
        await page.Test("create-event-type").ClickAsync();
        await Expect(page.GetByText(new System.Text.RegularExpressions.Regex(@"Is not valid JSON \(line 1, column \d+\)"))).ToBeVisibleAsync();
        await Expect(page.GetByText("BytePositionInLine")).ToHaveCountAsync(0);
        await Expect(page.Test("event-type-row")).ToHaveCountAsync(1);

        // View, then edit the saved schema.
        await page.Test("view-schema").ClickAsync();
        await Expect(page.Test("schema-view")).ToContainTextAsync("\"required\": [");
        await page.Test("edit-schema").ClickAsync();
        await Expect(page.Field("schema-editor")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("\"amount\""));
        await page.FillFieldAsync("schema-editor", """{"type":"object","required":["amount","currency"]}""");
        await page.Test("save-schema").ClickAsync();
        await Expect(page.Test("schema-view")).ToContainTextAsync("\"currency\"");
        await page.ScreenshotAsync("event-types-schema");
        Assert.That((await SchemaAsync(master, applicationId))?.ToJsonString(), Is.EqualTo("""{"type":"object","required":["amount","currency"]}"""));
        await server.StopAsync();
    }

    private static async Task<JsonNode?> SchemaAsync(HttpClient master, Guid applicationId)
        => (await master.GetFromJsonAsync<JsonArray>($"/api/v1/event_types?application_id={applicationId}"))!
            .Single(t => t!["event_type_name"]!.GetValue<string>() == "billing.invoice.paid")!["schema"];

    private static async Task<Guid> PersonalOrganizationAsync(ServerProcess server)
    {
        using var api = new HttpClient { BaseAddress = server.BaseAddress };
        var login = await (await api.PostAsJsonAsync("/api/v1/auth/login", new { email = "ada@example.com", password = Password })).Content.ReadFromJsonAsync<JsonObject>();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login!["access_token"]!.GetValue<string>());
        return (await api.GetFromJsonAsync<JsonArray>("/api/v1/organizations"))![0]!["organization_id"]!.GetValue<Guid>();
    }
}
