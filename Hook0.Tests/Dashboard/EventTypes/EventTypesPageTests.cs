using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hook0.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hook0.Tests.Dashboard.EventTypes;

/// <summary>
/// The event-type page in the browser: a duplicate name is refused with a message (instead of silently replacing the
/// type's schema), a malformed schema says where it is wrong in words, a saved schema can be viewed and edited, and so
/// can the description, example and deprecated flag; the subscription form's picker shows them, and its test event
/// offers a payload the schema accepts, checks an edited one as ingest would, and shows the delivery's outcome inline.
/// </summary>
[NonParallelizable]
public sealed class EventTypesPageTests : ApiTest
{
    private const string Password = "Correct-Horse-Battery-42";

    [Test]
    public async Task Duplicates_and_malformed_schemas_are_explained_a_saved_type_is_edited_and_a_test_event_is_sent_with_a_valid_payload()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await DashboardServer.StartAsync(new Dictionary<string, string?>
        {
            ["AUTO_VERIFY_USERS"] = "true",
            ["DELIVERY_WORKERS_ENABLED"] = "true",
            ["DISABLE_TARGET_IP_CHECK"] = "true", // the receiver is on loopback
            ["DELIVERY_POLL_INTERVAL_MS"] = "200",
        });
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

        // The AsyncAPI links download the API's document with the page's session (and nothing without one).
        foreach (var (link, marker) in new[] { ("asyncapi-json", "\"asyncapi\": \"3.0.0\""), ("asyncapi-yaml", "asyncapi: \"3.0.0\"") })
        {
            var href = await page.Test(link).GetAttributeAsync("href");
            var download = await context.APIRequest.GetAsync(href!);
            Assert.That(download.Status, Is.EqualTo(200), link);
            Assert.That(download.Headers["content-disposition"], Does.Contain("attachment").And.Contain("asyncapi."));
            Assert.That(await download.TextAsync(), Does.Contain(marker).And.Contain("billing.invoice.paid"));
            using var noSession = new HttpClient { BaseAddress = server.BaseAddress };
            Assert.That((int)(await noSession.GetAsync(href)).StatusCode, Is.EqualTo(401));
        }

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

        // Description, example and deprecated: an example the schema refuses is explained on its field, nothing saved.
        await page.Test("edit-schema").ClickAsync();
        await page.FillFieldAsync("description-editor", "An invoice was paid in full.");
        await page.FillFieldAsync("example-editor", """{"amount": 12}""");
        await page.Test("save-schema").ClickAsync();
        await Expect(page.GetByText(new System.Text.RegularExpressions.Regex("Does not satisfy the event type's schema.*currency"))).ToBeVisibleAsync();
        Assert.That((await TypeAsync(master, applicationId))["description"], Is.Null);
        await page.FillFieldAsync("example-editor", """{"amount": 12, "currency": "EUR"}""");
        await page.Field("deprecated-editor").ClickAsync();
        await page.Test("save-schema").ClickAsync();
        await Expect(page.Test("event-type-description")).ToHaveTextAsync("An invoice was paid in full.");
        await Expect(page.Test("deprecated-mark")).ToBeVisibleAsync();
        var saved = await TypeAsync(master, applicationId);
        Assert.Multiple(() =>
        {
            Assert.That(saved["example"]!.ToJsonString(), Is.EqualTo("""{"amount":12,"currency":"EUR"}"""));
            Assert.That(saved["deprecated"]!.GetValue<bool>(), Is.True);
        });

        // A type without an example but with a schema: the test event offers a payload built from the schema.
        var refunded = await master.PostAsJsonAsync("/api/v1/event_types", new
        {
            application_id = applicationId, service = "billing", resource_type = "invoice", verb = "refunded",
            schema = JsonNode.Parse("""{"type":"object","required":["amount","reason"],"properties":{"amount":{"type":"integer","minimum":1},"reason":{"enum":["duplicate","fraud"]}}}"""),
        });
        Assert.That((int)refunded.StatusCode, Is.EqualTo(201), await refunded.Content.ReadAsStringAsync());
        var subscription = await master.PostAsJsonAsync("/api/v1/subscriptions", new
        {
            application_id = applicationId, is_enabled = true, event_types = new[] { "billing.invoice.refunded", "billing.invoice.paid" },
            description = "Receiver", labels = new Dictionary<string, string> { ["tenant"] = "acme" }, metadata = new Dictionary<string, string>(),
            target = new { type = "http", method = "POST", url = receiver.Url(), headers = new Dictionary<string, string>() },
        });
        var subscriptionId = (await subscription.Content.ReadFromJsonAsync<JsonObject>())!["subscription_id"]!.GetValue<Guid>();
        await page.GoAsync($"/organizations/{organizationId}/applications/{applicationId}/subscriptions/{subscriptionId}");

        // The picker shows the description and marks the deprecated type.
        await page.Test("subscription-event-types").ClickAsync();
        var paid = page.Locator("[data-test=event-type-option][data-name='billing.invoice.paid']");
        await Expect(paid).ToHaveAttributeAsync("data-deprecated", "true");
        await Expect(paid.Locator("[data-test=event-type-description]")).ToHaveTextAsync("An invoice was paid in full.");
        await Expect(page.Locator("[data-test=event-type-option][data-name='billing.invoice.refunded']")).ToHaveAttributeAsync("data-deprecated", "false");
        await page.Keyboard.PressAsync("Escape");
        await page.Locator("h1").ClickAsync();

        // The type's own example comes first; a type without one gets a payload built from its schema.
        await page.Test("test-event-type").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "billing.invoice.paid" }).ClickAsync();
        await Expect(page.Field("test-payload")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("\"currency\": \"EUR\""));
        await page.Test("test-event-type").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "billing.invoice.refunded" }).ClickAsync();
        await Expect(page.Field("test-payload")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("\"amount\": 1,\\s+\"reason\": \"duplicate\""));
        // An edited payload that breaks the schema: ingest's own message on the field, nothing stored.
        await page.FillFieldAsync("test-payload", """{"amount": 0, "reason": "duplicate"}""");
        await page.Test("send-test-event").ClickAsync();
        await Expect(page.GetByText(new System.Text.RegularExpressions.Regex("/amount"))).ToBeVisibleAsync();
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM event.event"), Is.Zero);

        await page.FillFieldAsync("test-payload", """{"amount": 3, "reason": "fraud"}""");
        await page.Test("send-test-event").ClickAsync();
        await Expect(page.Test("test-event-sent")).ToBeVisibleAsync();
        await Expect(page.Test("test-attempt-http")).ToHaveTextAsync("200", new() { Timeout = 20_000 });
        await Expect(page.Test("test-event-attempts").Locator("[data-test=attempt-status]")).ToHaveAttributeAsync("data-status", "successful");
        var delivered = await receiver.WaitForAsync(1, TimeSpan.FromSeconds(10));
        Assert.That(JsonNode.Parse(delivered[0].Body)!["payload"]?["reason"]?.GetValue<string>() ?? System.Text.Encoding.UTF8.GetString(delivered[0].Body),
            Does.Contain("fraud"));

        await page.ScreenshotAsync("subscription-test-event");

        // Every field the API has, in the form: the API's own message on a field it refuses, nothing saved.
        await page.FillFieldAsync("subscription-max-concurrency", "5000");
        await page.Test("save-subscription").ClickAsync();
        await Expect(page.GetByText("Must be an integer between 1 and 1000, or null")).ToBeVisibleAsync();
        Assert.That((await SubscriptionAsync(master, applicationId, subscriptionId))["max_concurrency"], Is.Null);

        await page.FillFieldAsync("subscription-description", "Receiver, tuned");
        await page.Test("subscription-method").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "PUT", Exact = true }).ClickAsync();
        await page.Test("header-add").ClickAsync();
        await page.FillFieldAsync("header-key", "X-Team");
        await page.FillFieldAsync("header-value", "billing");
        await page.FillFieldAsync("subscription-patterns", "billing.*.created");
        await page.FillFieldAsync("label-value", "globex");
        await page.Test("metadata-add").ClickAsync();
        await page.FillFieldAsync("metadata-key", "owner");
        await page.FillFieldAsync("metadata-value", "ada");
        await page.Field("subscription-custom-retry").ClickAsync();
        await page.FillFieldAsync("subscription-max-retries", "3");
        await page.FillFieldAsync("subscription-schedule", "5, 60, 600");
        await page.FillFieldAsync("subscription-max-concurrency", "4");
        await page.FillFieldAsync("subscription-rate-limit", "20");
        await page.Test("subscription-signature-schemes").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Standard Webhooks only" }).ClickAsync();
        await page.Field("subscription-asymmetric").ClickAsync();
        // Workers this organization may not use: the API's refusal on the workers field, then none named.
        await page.FillFieldAsync("subscription-workers", "eu-1, eu-2");
        await page.Test("save-subscription").ClickAsync();
        await Expect(page.GetByText("These workers are not allowed for this organization: eu-1, eu-2.")).ToBeVisibleAsync();
        await page.FillFieldAsync("subscription-workers", "");
        await page.Test("save-subscription").ClickAsync();
        await Expect(page.Locator(".mud-snackbar", new() { HasText = "Subscription saved." })).ToBeVisibleAsync();

        var stored = await SubscriptionAsync(master, applicationId, subscriptionId);
        Assert.Multiple(() =>
        {
            Assert.That(stored["description"]!.GetValue<string>(), Is.EqualTo("Receiver, tuned"));
            Assert.That(stored["target"]!["method"]!.GetValue<string>(), Is.EqualTo("PUT"));
            Assert.That(stored["target"]!["headers"]!["X-Team"]!.GetValue<string>(), Is.EqualTo("billing"));
            Assert.That(stored["event_types"]!.AsArray().Select(t => t!.GetValue<string>()), Does.Contain("billing.*.created"));
            Assert.That(stored["labels"]!["tenant"]!.GetValue<string>(), Is.EqualTo("globex"));
            Assert.That(stored["metadata"]!["owner"]!.GetValue<string>(), Is.EqualTo("ada"));
            Assert.That(stored["retry_policy"]!.ToJsonString(), Does.Contain("\"max_retries\":3").And.Contain("[5,60,600]"));
            Assert.That(stored["max_concurrency"]!.GetValue<int>(), Is.EqualTo(4));
            Assert.That(stored["rate_limit_per_second"]!.GetValue<int>(), Is.EqualTo(20));
            Assert.That(stored["signature_schemes"]!.GetValue<string>(), Is.EqualTo("standard"));
            Assert.That(stored["public_key"], Is.Not.Null);
            Assert.That(stored["dedicated_workers"]!.AsArray(), Is.Empty);
        });

        // A reload shows every value back in its field.
        await page.ReloadAsync();
        await page.WaitForInteractiveAsync();
        await Expect(page.Field("subscription-description")).ToHaveValueAsync("Receiver, tuned");
        await Expect(page.Test("subscription-method")).ToContainTextAsync("PUT");
        await Expect(page.Field("header-value")).ToHaveValueAsync("billing");
        await Expect(page.Field("subscription-patterns")).ToHaveValueAsync("billing.*.created");
        await Expect(page.Field("label-value")).ToHaveValueAsync("globex");
        await Expect(page.Field("metadata-value")).ToHaveValueAsync("ada");
        await Expect(page.Field("subscription-schedule")).ToHaveValueAsync("5, 60, 600");
        await Expect(page.Field("subscription-max-retries")).ToHaveValueAsync("3");
        await Expect(page.Field("subscription-max-concurrency")).ToHaveValueAsync("4");
        await Expect(page.Field("subscription-rate-limit")).ToHaveValueAsync("20");
        await Expect(page.Test("subscription-signature-schemes")).ToContainTextAsync("Standard Webhooks only");
        await Expect(page.Field("subscription-asymmetric")).ToBeCheckedAsync();
        await page.ScreenshotAsync("subscription-every-field");

        // The event composer's type list marks the deprecated type and shows its description too.
        await page.GoAsync($"/organizations/{organizationId}/applications/{applicationId}/events/send");
        await page.Test("composer-event-type").ClickAsync();
        // (the select also shows the chosen item's content: only the open list's options are looked at)
        var composed = page.GetByRole(AriaRole.Option, new() { Name = "billing.invoice.paid" }).Locator("[data-test=event-type-option]");
        await Expect(composed).ToHaveAttributeAsync("data-deprecated", "true");
        await Expect(composed.Locator("[data-test=event-type-description]")).ToHaveTextAsync("An invoice was paid in full.");
        await server.StopAsync();
    }

    private static async Task<JsonNode> SubscriptionAsync(HttpClient master, Guid applicationId, Guid subscriptionId)
        => (await master.GetFromJsonAsync<JsonObject>($"/api/v1/subscriptions/{subscriptionId}?application_id={applicationId}"))!;

    private static async Task<JsonNode?> SchemaAsync(HttpClient master, Guid applicationId) => (await TypeAsync(master, applicationId))["schema"];

    private static async Task<JsonNode> TypeAsync(HttpClient master, Guid applicationId)
        => (await master.GetFromJsonAsync<JsonArray>($"/api/v1/event_types?application_id={applicationId}"))!
            .Single(t => t!["event_type_name"]!.GetValue<string>() == "billing.invoice.paid")!;

    private static async Task<Guid> PersonalOrganizationAsync(ServerProcess server)
    {
        using var api = new HttpClient { BaseAddress = server.BaseAddress };
        var login = await (await api.PostAsJsonAsync("/api/v1/auth/login", new { email = "ada@example.com", password = Password })).Content.ReadFromJsonAsync<JsonObject>();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login!["access_token"]!.GetValue<string>());
        return (await api.GetFromJsonAsync<JsonArray>("/api/v1/organizations"))![0]!["organization_id"]!.GetValue<Guid>();
    }
}
