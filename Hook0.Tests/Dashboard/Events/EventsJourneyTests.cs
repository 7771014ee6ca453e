using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hook0.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Hook0.Tests.Dashboard.Events;

/// <summary>
/// The events pages in a real browser against the real server process: compose an event (a schema error
/// shown first, then fixed), land on its detail, find it in the list, replay it by filter (the dry-run
/// count first) and on its own, then search payloads (containment, a key path and value) through the address.
/// Screenshots go to artifacts/dashboard/events-*.
/// </summary>
[NonParallelizable]
public sealed partial class EventsJourneyTests : ApiTest
{
    private const string Password = "Correct-Horse-Battery-42";

    [Test]
    public async Task An_editor_composes_an_event_sees_it_and_replays_it()
    {
        await using var server = await DashboardServer.StartAsync(new Dictionary<string, string?>
        {
            // Attempts stay pending, so the page shows exactly the ones each step scheduled (no retries).
            ["DELIVERY_WORKERS_ENABLED"] = "false",
        });
        var site = server.BaseAddress.ToString().TrimEnd('/');
        await using var browser = await BrowserSession.LaunchAsync();
        // A browser in New York: every time is shown there (UTC on hover).
        await using var context = await browser.Browser.NewContextAsync(new()
        {
            BaseURL = site, ViewportSize = new() { Width = 1400, Height = 1000 }, TimezoneId = "America/New_York",
        });
        var page = await context.NewPageAsync();
        try
        {
            await JourneyAsync(server, page, site);
        }
        catch
        {
            await page.ScreenshotAsync("events-failure");
            await TestContext.Out.WriteLineAsync(string.Join('\n', server.Output.Where(l => l.Contains("fail", StringComparison.OrdinalIgnoreCase) || l.Contains("Exception", StringComparison.Ordinal)).Take(40)));
            throw;
        }

        await server.StopAsync();
    }

    private static async Task JourneyAsync(ServerProcess server, IPage page, string site)
    {
        using var master = new HttpClient { BaseAddress = server.BaseAddress };
        master.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Hook0Factory.MasterKey);

        // An editor (their personal organization) with an application made in the browser.
        var registered = await master.PostAsJsonAsync("/api/v1/register", new { first_name = "Ada", last_name = "Lovelace", email = "ada@example.com", password = Password });
        Assert.That((int)registered.StatusCode, Is.EqualTo(201), await registered.Content.ReadAsStringAsync());
        var verified = await master.PostAsJsonAsync("/api/v1/auth/verify-email", new { token = await LinkTokenAsync(server, "ada@example.com") });
        Assert.That(verified.IsSuccessStatusCode, Is.True, await verified.Content.ReadAsStringAsync());
        await page.GoAsync("/login");
        await page.FillFieldAsync("email", "ada@example.com");
        await page.FillFieldAsync("password", Password);
        await page.Test("login").ClickAsync();
        await page.WaitForURLAsync(site + "/");
        await page.WaitForInteractiveAsync();
        await page.Test("organization-link").ClickAsync();
        await page.WaitForURLAsync(new Regex("/organizations/[0-9a-f-]{36}$"));
        await page.WaitForInteractiveAsync();
        await page.FillFieldAsync("application-name", "Billing");
        await page.Test("create-application").ClickAsync();
        await page.WaitForURLAsync(new Regex("/applications/[0-9a-f-]{36}/overview$"));
        var applicationBase = new Uri(page.Url).AbsolutePath[..^"/overview".Length];
        var applicationId = Guid.Parse(applicationBase[^36..]);

        // A typed event type and a subscription for the label the composer will set (through the API: not this page's subject).
        var schema = JsonDocument.Parse("""{"type":"object","required":["amount"],"properties":{"amount":{"type":"integer","minimum":0}}}""").RootElement;
        var type = await master.PostAsJsonAsync("/api/v1/event_types", new { application_id = applicationId, service = "billing", resource_type = "invoice", verb = "paid", schema });
        Assert.That((int)type.StatusCode, Is.EqualTo(201), await type.Content.ReadAsStringAsync());
        var subscription = await master.PostAsJsonAsync("/api/v1/subscriptions", new
        {
            application_id = applicationId, is_enabled = true, description = "Accounting", event_types = new[] { "billing.invoice.paid" },
            labels = new Dictionary<string, string> { ["tenant"] = "acme" },
            target = new { type = "http", method = "POST", url = "https://receiver.example.com/hook", headers = new Dictionary<string, string>() },
        });
        Assert.That((int)subscription.StatusCode, Is.EqualTo(201), await subscription.Content.ReadAsStringAsync());

        // Composer: the schema error shows as the payload is typed, with its path; then fixed.
        await page.GoAsync(applicationBase + "/events/send");
        await Expect(page.Test("composer-event-type")).ToContainTextAsync("billing.invoice.paid");
        await page.FillFieldAsync("label-key", "tenant");
        await page.FillFieldAsync("label-value", "acme");
        var payload = page.Field("composer-payload");
        await payload.FillAsync("""{"amount": -5}""");
        await Expect(page.Test("composer-schema-errors")).ToBeVisibleAsync();
        await Expect(page.Test("composer-schema-error")).ToContainTextAsync("/amount");
        await page.ScreenshotAsync("events-01-composer-schema-error");
        await payload.FillAsync("""{"amount": 5}""");
        await Expect(page.Test("composer-schema-ok")).ToBeVisibleAsync();
        await Expect(page.Test("composer-schema-errors")).ToHaveCountAsync(0);
        await Expect(page.Test("composer-curl-snippet")).ToContainTextAsync("\"event_type\": \"billing.invoice.paid\"");
        await Expect(page.Test("composer-curl-snippet")).ToContainTextAsync("Bearer $HOOK0_TOKEN");
        await Expect(page.Test("composer-sdk-snippet")).ToContainTextAsync("""JSON.stringify({"amount":5})""");
        await Expect(page.Test("composer-sdk-snippet")).ToContainTextAsync("""{"tenant":"acme"}""");
        await page.ScreenshotAsync("events-02-composer-valid");
        await page.Test("composer-send").ClickAsync();

        // Its detail: payload indented, labels, the attempt for the matching subscription.
        await page.WaitForURLAsync(new Regex("/events/[0-9a-f-]{36}$"));
        await page.WaitForInteractiveAsync();
        var eventId = Guid.Parse(page.Url[^36..]);
        await Expect(page.Test("event-detail-payload")).ToHaveTextAsync("{\n  \"amount\": 5\n}");
        await Expect(page.Test("event-detail-payload-kind")).ToHaveTextAsync("JSON, indented");
        await Expect(page.Test("event-detail-labels")).ToContainTextAsync("tenant=acme");
        await Expect(page.Test("event-attempt-row")).ToHaveCountAsync(1);
        await Expect(page.Test("event-attempt-row")).ToContainTextAsync("Accounting");
        await Expect(page.Locator("[data-test=event-attempt-row] [data-test=try]")).ToHaveTextAsync("first try"); // as the logs spell it
        await Expect(page.Test("attempt-link")).ToHaveAttributeAsync("href", new Regex($"{applicationBase}/logs/[0-9a-f-]{{36}}$"));
        await page.ScreenshotAsync("events-03-detail");

        // The list shows it; a filter that excludes it empties the table.
        await page.GoAsync(applicationBase + "/events");
        await Expect(page.Test("event-row")).ToHaveCountAsync(1);
        await Expect(page.Test("event-row")).ToHaveAttributeAsync("data-event-id", eventId.ToString());
        await Expect(page.Test("live-indicator")).ToBeVisibleAsync();
        // The received time in the browser's zone with its offset, UTC in the title, ISO-8601 in the datetime attribute.
        var time = page.Locator("[data-test=event-row] [data-test=time]").First;
        await Expect(time).ToHaveTextAsync(new Regex(@"-0[45]:00$"));
        var received = DateTimeOffset.Parse(await time.GetAttributeAsync("datetime") ?? "", System.Globalization.CultureInfo.InvariantCulture);
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        Assert.That(await time.InnerTextAsync(), Is.EqualTo(TimeZoneInfo.ConvertTime(received, newYork).ToString("yyyy-MM-dd HH:mm:ss zzz", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(await time.GetAttributeAsync("title"), Is.EqualTo(received.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(received.Offset, Is.EqualTo(TimeSpan.Zero));
        await page.ScreenshotAsync("events-04-list");
        await page.FillFieldAsync("filter-label", "tenant=nobody");
        await page.Test("filter-apply").ClickAsync();
        await Expect(page.Test("events-empty")).ToBeVisibleAsync();
        await page.FillFieldAsync("filter-label", "tenant=acme");
        await page.Test("filter-apply").ClickAsync();
        await Expect(page.Test("event-row")).ToHaveCountAsync(1);

        // The filters are in the address: a reload, the back and forward buttons and a pasted link give the same view.
        await page.WaitForURLAsync(new Regex("[?&]label=tenant%3Dacme"));
        await page.ReloadAsync();
        await page.WaitForInteractiveAsync();
        await Expect(page.Field("filter-label")).ToHaveValueAsync("tenant=acme");
        await Expect(page.Test("event-row")).ToHaveCountAsync(1);
        await page.GoBackAsync();
        await page.WaitForURLAsync(new Regex("[?&]label=tenant%3Dnobody"));
        await Expect(page.Field("filter-label")).ToHaveValueAsync("tenant=nobody");
        await Expect(page.Test("events-empty")).ToBeVisibleAsync();
        await page.GoForwardAsync();
        await page.WaitForURLAsync(new Regex("[?&]label=tenant%3Dacme"));
        await Expect(page.Test("event-row")).ToHaveCountAsync(1);
        await page.GoAsync($"{applicationBase}/events?event_type=billing.invoice.paid&label=tenant%3Dnobody");
        await Expect(page.Field("filter-label")).ToHaveValueAsync("tenant=nobody");
        await Expect(page.Test("events-empty")).ToBeVisibleAsync();
        await page.GoAsync($"{applicationBase}/events?label=tenant%3Dacme");
        await Expect(page.Test("event-row")).ToHaveCountAsync(1);

        // Replay by filter: the dry-run count first, then the replay.
        await page.Test("replay-filter").ClickAsync();
        await Expect(page.Test("replay-dry-run-count")).ToHaveTextAsync("1");
        await page.ScreenshotAsync("events-05-replay-dry-run");
        await page.Test("replay-filter-confirm").ClickAsync();
        await Expect(page.Test("replay-filter-done")).ToContainTextAsync("Replayed 1 events.");
        await page.Test("replay-filter-cancel").ClickAsync();

        // Replay the one event from its page: a third attempt.
        await page.Test("event-link").ClickAsync();
        await page.WaitForURLAsync(new Regex($"/events/{eventId}$"));
        await page.WaitForInteractiveAsync();
        await Expect(page.Test("event-attempt-row")).ToHaveCountAsync(2);
        await page.Test("replay-event").ClickAsync();
        await Expect(page.Test("replay-event-done")).ToBeVisibleAsync();
        await Expect(page.Test("event-attempt-row")).ToHaveCountAsync(3);
        await page.ScreenshotAsync("events-06-replayed");
        Assert.That(await Database.ScalarAsync<long>($"SELECT count(*) FROM (SELECT event_id FROM webhook.delivery_queue UNION ALL SELECT event_id FROM webhook.attempt) AS a WHERE event_id = '{eventId}'"), Is.EqualTo(3));

        await PayloadSearchAsync(master, page, applicationBase, applicationId);
        await TimeRangeInTheBrowsersZoneAsync(page, applicationBase);
    }

    /// <summary>
    /// The time filters are typed in the browser's zone (New York, -05:00 in December) and kept in UTC in the address, so
    /// a link selects the same instants wherever it is opened; a reload shows them again in the zone.
    /// </summary>
    private static async Task TimeRangeInTheBrowsersZoneAsync(IPage page, string applicationBase)
    {
        await page.GoAsync(applicationBase + "/events");
        await Expect(page.Locator(".mud-input-control", new() { Has = page.Locator("[data-test=\"filter-from\"]") }).Locator("label"))
            .ToContainTextAsync("Received from (America/New_York)");
        await page.FillFieldAsync("filter-from", "2000-01-01T10:00");
        await page.FillFieldAsync("filter-to", "2000-01-02T00:00");
        await page.Test("filter-apply").ClickAsync();
        await page.WaitForURLAsync(new Regex("[?&]from=2000-01-01T15%3A00(&|$)"));
        Assert.That(page.Url, Does.Match("[?&]to=2000-01-02T05%3A00(&|$)"));
        await Expect(page.Test("event-row")).ToHaveCountAsync(0);

        await page.ReloadAsync();
        await page.WaitForInteractiveAsync();
        await Expect(page.Field("filter-from")).ToHaveValueAsync("2000-01-01T10:00");
        await Expect(page.Field("filter-to")).ToHaveValueAsync("2000-01-02T00:00");
    }

    /// <summary>Payload search (issue #23 item 5): containment, then a key path and value, each in the address and kept by a reload.</summary>
    private static async Task PayloadSearchAsync(HttpClient master, IPage page, string applicationBase, Guid applicationId)
    {
        // Off by default (ADR 0025): the page says so and links to the setting, which indexes the events ingested after it.
        await page.GoAsync(applicationBase + "/events");
        await Expect(page.Test("payload-search-off")).ToBeVisibleAsync();
        await Expect(page.Field("filter-payload-contains")).ToHaveCountAsync(0);
        await page.Test("payload-search-off").Locator("a").ClickAsync();
        await page.WaitForURLAsync(new Regex(Regex.Escape(applicationBase) + "$"));
        await page.WaitForInteractiveAsync();
        await page.Field("payload-search").CheckAsync();
        // The box is checked as soon as it is clicked; the message comes once the server saved it.
        await Expect(page.Locator(".mud-snackbar", new() { HasText = "Payload search is on" })).ToBeVisibleAsync();
        await Expect(page.Field("payload-search")).ToBeCheckedAsync();
        Assert.That(await Database.ScalarAsync<bool>($"SELECT payload_search FROM iam.application WHERE application_id = '{applicationId}'"), Is.True);

        var byText = (await PostJsonAsync(master, "/api/v1/event",
            Scenario.Event(applicationId, "billing.invoice.paid", payload: """{"amount": 7, "customer": {"id": "42"}}""")))["event_id"]!.GetValue<Guid>();
        var byNumber = (await PostJsonAsync(master, "/api/v1/event",
            Scenario.Event(applicationId, "billing.invoice.paid", payload: """{"amount": 8, "customer": {"id": 43}}""")))["event_id"]!.GetValue<Guid>();
        await page.GoAsync(applicationBase + "/events");
        await Expect(page.Test("event-row")).ToHaveCountAsync(3);

        await page.FillFieldAsync("filter-payload-contains", """{"customer": {"id": "42"}}""");
        await page.Test("filter-apply").ClickAsync();
        await page.WaitForURLAsync(new Regex("[?&]payload_contains=%7B"));
        await Expect(page.Test("event-row")).ToHaveCountAsync(1);
        await Expect(page.Test("event-row")).ToHaveAttributeAsync("data-event-id", byText.ToString());
        await Expect(page.Test("replay-filter")).ToBeDisabledAsync();
        await page.ScreenshotAsync("events-07-payload-contains");
        await page.ReloadAsync();
        await page.WaitForInteractiveAsync();
        await Expect(page.Field("filter-payload-contains")).ToHaveValueAsync("""{"customer": {"id": "42"}}""");
        await Expect(page.Test("event-row")).ToHaveCountAsync(1);
        await Expect(page.Test("event-row")).ToHaveAttributeAsync("data-event-id", byText.ToString());

        // A path and a value written as a number: the number 43 matches.
        await page.FillFieldAsync("filter-payload-contains", "");
        await page.FillFieldAsync("filter-payload-path", "customer.id");
        await page.FillFieldAsync("filter-payload-value", "43");
        await page.Test("filter-apply").ClickAsync();
        await page.WaitForURLAsync(new Regex(@"[?&]payload_path=customer\.id(&|$)"));
        Assert.That(page.Url, Does.Match("[?&]payload_value=43(&|$)").And.Not.Contain("payload_contains"));
        await Expect(page.Test("event-row")).ToHaveAttributeAsync("data-event-id", byNumber.ToString());
        await page.ReloadAsync();
        await page.WaitForInteractiveAsync();
        await Expect(page.Field("filter-payload-path")).ToHaveValueAsync("customer.id");
        await Expect(page.Field("filter-payload-value")).ToHaveValueAsync("43");
        await Expect(page.Test("event-row")).ToHaveCountAsync(1);
        await Expect(page.Test("event-row")).ToHaveAttributeAsync("data-event-id", byNumber.ToString());

        // Not an object: the API's message on the field, the address and the rows unchanged.
        var shown = page.Url;
        await page.FillFieldAsync("filter-payload-path", "");
        await page.FillFieldAsync("filter-payload-value", "");
        await page.FillFieldAsync("filter-payload-contains", "[42]");
        await page.Test("filter-apply").ClickAsync();
        await Expect(page.Locator(".mud-input-control", new() { Has = page.Locator("[data-test=\"filter-payload-contains\"]") }).Locator(".mud-input-helper-text"))
            .ToContainTextAsync("The parameter 'payload_contains' must be a JSON object");
        await page.ScreenshotAsync("events-08-payload-contains-refused");
        Assert.That(page.Url, Is.EqualTo(shown));
        await Expect(page.Test("event-row")).ToHaveAttributeAsync("data-event-id", byNumber.ToString());
    }

    private static async Task<string> LinkTokenAsync(ServerProcess server, string email)
    {
        var line = await server.WaitForLineAsync(l => l.Contains(email, StringComparison.Ordinal) && l.Contains("verify-email?token=", StringComparison.Ordinal), TimeSpan.FromSeconds(20));
        return Uri.UnescapeDataString(TokenPattern().Match(line).Groups[1].Value);
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    [GeneratedRegex(@"\?token=([^\s""']+)")]
    private static partial Regex TokenPattern();
}
