using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hook0.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;

namespace Hook0.Tests.Dashboard.Logs;

/// <summary>
/// Delivery logs and dead letters in a real browser against the real server process, with a loopback
/// receiver that first answers 500: an event sent from the composer in a second tab, its attempts appear live, the stored 500 is shown, the event
/// dead-letters after a short retry policy, the receiver recovers, and the retry from the dead-letter
/// page (after its dry-run count) succeeds live in the logs. Screenshots of each page are attached.
/// </summary>
[NonParallelizable]
public sealed class DeliveryLogsJourneyTests : ApiTest
{
    private const string Password = "Correct-Horse-Battery-42";

    [Test]
    public async Task An_event_sent_from_the_composer_fails_live_in_the_logs_is_dead_lettered_retried_and_seen_succeeding()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var failing = true;
        receiver.Respond = (_, ctx) =>
        {
            if (!Volatile.Read(ref failing))
            {
                return ctx.Response.WriteAsync("thanks");
            }

            ctx.Response.StatusCode = 500;
            ctx.Response.ContentType = "application/json";
            return ctx.Response.WriteAsync("{\"error\":\"receiver down\"}");
        };
        await using var server = await DashboardServer.StartAsync(new Dictionary<string, string?>
        {
            ["AUTO_VERIFY_USERS"] = "true",
            ["DELIVERY_WORKERS_ENABLED"] = "true",
            ["DISABLE_TARGET_IP_CHECK"] = "true", // the receiver is on loopback
            ["DELIVERY_POLL_INTERVAL_MS"] = "200",
        });
        var site = server.BaseAddress.ToString().TrimEnd('/');
        using var api = new HttpClient { BaseAddress = server.BaseAddress };
        var setup = await SetUpAsync(api, receiver.Url());

        await using var browser = await BrowserSession.LaunchAsync();
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = site });
        var page = await context.NewPageAsync();
        try
        {
            await JourneyAsync(page, context, api, setup, () => Volatile.Write(ref failing, false), () => Volatile.Write(ref failing, true));
        }
        catch
        {
            var open = browser.Browser.Contexts.SelectMany(c => c.Pages).ToList();
            for (var i = 0; i < open.Count; i++)
            {
                await open[i].ScreenshotAsync($"logs-failure-{i + 1}");
            }

            await TestContext.Out.WriteLineAsync(string.Join('\n', server.Output.Where(l => l.Contains("fail", StringComparison.OrdinalIgnoreCase) || l.Contains("Exception", StringComparison.Ordinal)).Take(40)));
            throw;
        }

        await server.StopAsync();
    }

    private sealed record Setup(Guid OrganizationId, Guid ApplicationId, string Secret, string EventType);

    /// <summary>An account (verified at once), its personal organization, an application, an event type and a subscription retried twice, 1 s apart.</summary>
    private static async Task<Setup> SetUpAsync(HttpClient api, string receiverUrl)
    {
        var registered = await api.PostAsJsonAsync("/api/v1/register", new { first_name = "Ada", last_name = "Lovelace", email = "ada@example.com", password = Password });
        Assert.That(registered.IsSuccessStatusCode, Is.True, await registered.Content.ReadAsStringAsync());
        var login = await JsonAsync(await api.PostAsJsonAsync("/api/v1/auth/login", new { email = "ada@example.com", password = Password }));
        using var user = new HttpClient { BaseAddress = api.BaseAddress };
        user.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login["access_token"]!.GetValue<string>());
        var organizationId = (await user.GetFromJsonAsync<JsonArray>("/api/v1/organizations"))![0]!["organization_id"]!.GetValue<Guid>();
        var applicationId = (await PostJsonAsync(user, "/api/v1/applications", new { organization_id = organizationId, name = "Billing" }))["application_id"]!.GetValue<Guid>();
        var eventType = (await PostJsonAsync(user, "/api/v1/event_types", new { application_id = applicationId, service = "billing", resource_type = "invoice", verb = "paid" }))["event_type_name"]!.GetValue<string>();
        await PostJsonAsync(user, "/api/v1/subscriptions", new Dictionary<string, object?>
        {
            ["application_id"] = applicationId,
            ["is_enabled"] = true,
            ["description"] = "Accounting",
            ["event_types"] = new[] { eventType },
            ["labels"] = new Dictionary<string, string> { ["env"] = "prod" },
            ["target"] = new { type = "http", method = "POST", url = receiverUrl, headers = new Dictionary<string, string>() },
            ["retry_policy"] = new { max_retries = 2, schedule = new[] { 1 } },
        });
        var secret = (await user.GetFromJsonAsync<JsonArray>($"/api/v1/application_secrets?application_id={applicationId}"))![0]!["token"]!.GetValue<string>();
        return new Setup(organizationId, applicationId, secret, eventType);
    }

    private static async Task JourneyAsync(IPage page, IBrowserContext context, HttpClient api, Setup setup, Action recover, Action fail)
    {
        var app = $"/organizations/{setup.OrganizationId}/applications/{setup.ApplicationId}";
        await page.GoAsync("/login");
        await page.FillFieldAsync("email", "ada@example.com");
        await page.FillFieldAsync("password", Password);
        await page.Test("login").ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith('/'));

        // The logs page is open and empty; the navigation menu leads to it.
        await page.GoAsync(app);
        await page.GetByRole(AriaRole.Link, new() { Name = "Delivery logs" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/logs", StringComparison.Ordinal));
        await page.WaitForInteractiveAsync();
        await Expect(Id(page, "logs-empty")).ToBeVisibleAsync();
        await Expect(Id(page, "live-indicator")).ToHaveAttributeAsync("data-live-state", "live");
        await page.EvaluateAsync("() => window.hook0NotReloaded = true");

        // An event sent from the composer in a second tab: its attempts appear and fail in the first
        // tab's logs, without reloading that page.
        var composer = await context.NewPageAsync();
        await composer.GoAsync(app + "/events/send");
        await Expect(Id(composer, "composer-event-type")).ToContainTextAsync(setup.EventType);
        await composer.FillFieldAsync("label-key", "env");
        await composer.FillFieldAsync("label-value", "prod");
        await composer.Field("composer-payload").FillAsync("""{"amount": 42}""");
        await Expect(Id(composer, "composer-schema-ok")).ToBeVisibleAsync();
        await Id(composer, "composer-send").ClickAsync();
        await composer.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/events/[0-9a-f-]{36}$"));
        await composer.CloseAsync();

        var rows = Id(page, "attempt-row");
        await Expect(rows.First).ToBeVisibleAsync();
        await Expect(page.Locator("[data-test=attempt-row] [data-test=attempt-status][data-status=failed]")).ToHaveCountAsync(3, new() { Timeout = 30_000 });
        Assert.That(await page.EvaluateAsync<bool>("() => window.hook0NotReloaded === true"), Is.True, "the rows arrived without a reload");
        await Expect(Id(rows.First, "attempt-http")).ToHaveTextAsync("500");
        await page.ScreenshotAsync("logs-01-delivery-logs-failing");

        // The oldest attempt (the first try): its timeline links its retry; its response is the stored 500.
        await Id(rows.Last, "attempt-link").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/logs/", StringComparison.Ordinal));
        await page.WaitForInteractiveAsync();
        await Expect(Id(page, "response-status")).ToContainTextAsync("HTTP 500");
        await Expect(Id(page, "response-body")).ToContainTextAsync("\"error\": \"receiver down\"");
        await Expect(Id(page, "response-body")).ToHaveAttributeAsync("data-kind", "json");
        await Expect(Id(page, "response-error")).ToContainTextAsync("E_HTTP");
        // The request as sent beside it: the request line, the signature header, the body (pretty, then raw).
        await Expect(Id(page, "request-method")).ToHaveTextAsync("POST");
        await Expect(Id(page, "request-url")).ToContainTextAsync("http://");
        await Expect(page.Locator("[data-test=request-headers] [data-header=webhook-signature]")).ToContainTextAsync("v1,");
        await Expect(Id(page, "request-body")).ToHaveAttributeAsync("data-kind", "json");
        await Id(page, "request-body-raw").ClickAsync();
        await Expect(Id(page, "request-body")).ToHaveAttributeAsync("data-kind", "raw");
        var timeline = Id(page, "attempt-detail-timeline");
        await Expect(timeline.Locator("[data-kind=failed]")).ToBeVisibleAsync();
        await Expect(timeline.Locator("[data-kind=next-retry]")).ToContainTextAsync("Next retry (#1)");
        await Expect(Id(page, "attempt-event-link")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex($"{app}/events/[0-9a-f-]{{36}}$"));
        await page.ScreenshotAsync("logs-02-attempt-detail");

        // The last retry failed: the attempt is a dead letter. The receiver recovers.
        await page.GoAsync(app + "/dead-letters");
        await Expect(Id(page, "dead-letter-row")).ToHaveCountAsync(1);
        recover();

        // A second tab watches the logs while the first retries by filter (the dry run counts first).
        var logs = await context.NewPageAsync();
        await logs.GoAsync(app + "/logs");
        await Expect(Id(logs, "attempt-row")).ToHaveCountAsync(3);
        await logs.EvaluateAsync("() => window.hook0NotReloaded = true");

        await page.ScreenshotAsync("logs-03-dead-letters");
        await Id(page, "dead-letters-retry-filter").ClickAsync();
        await Expect(Id(page, "dead-letters-dry-run-count")).ToHaveTextAsync("1");
        await Expect(page.GetByRole(AriaRole.Dialog)).ToContainTextAsync("would be sent again now");
        // The dialog fades in: the screenshot waits until it is opaque.
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('.mud-dialog')].some(d => getComputedStyle(d).opacity === '1')");
        await page.ScreenshotAsync("logs-04-dead-letters-dry-run");
        await Id(page, "dead-letters-retry-confirm").ClickAsync();
        await Expect(Id(page, "dead-letter-requeued")).ToBeVisibleAsync();
        await Expect(Id(page, "dead-letter-retry")).ToHaveCountAsync(0);

        await Expect(Id(logs, "attempt-row")).ToHaveCountAsync(4);
        await Expect(Id(logs, "attempt-row").First.Locator("[data-test=attempt-status]")).ToHaveAttributeAsync("data-status", "successful");
        await Expect(Id(Id(logs, "attempt-row").First, "attempt-http")).ToHaveTextAsync("200");
        Assert.That(await logs.EvaluateAsync<bool>("() => window.hook0NotReloaded === true"), Is.True, "the retry arrived without a reload");
        await logs.ScreenshotAsync("logs-05-delivery-logs-recovered");

        // Filters: only the successful attempt, then the failed ones.
        await Id(logs, "filter-status").ClickAsync();
        await logs.GetByRole(AriaRole.Option, new() { Name = "Successful" }).ClickAsync();
        await Id(logs, "filter-apply").ClickAsync();
        await Expect(Id(logs, "attempt-row")).ToHaveCountAsync(1);
        await logs.ScreenshotAsync("logs-06-delivery-logs-filtered");
        // The filter is in the address: reload keeps it; another filter, then back, returns to it; forward again.
        await logs.WaitForURLAsync(new System.Text.RegularExpressions.Regex("[?&]status=successful"));
        await logs.ReloadAsync();
        await logs.WaitForInteractiveAsync();
        await Expect(Id(logs, "attempt-row")).ToHaveCountAsync(1);
        await Expect(Id(logs, "attempt-row").First.Locator("[data-test=attempt-status]")).ToHaveAttributeAsync("data-status", "successful");
        await Id(logs, "filter-status").ClickAsync();
        await logs.GetByRole(AriaRole.Option, new() { Name = "Failed" }).ClickAsync();
        await Id(logs, "filter-apply").ClickAsync();
        await logs.WaitForURLAsync(new System.Text.RegularExpressions.Regex("[?&]status=failed"));
        await Expect(Id(logs, "attempt-row")).ToHaveCountAsync(3);
        await logs.GoBackAsync();
        await logs.WaitForURLAsync(new System.Text.RegularExpressions.Regex("[?&]status=successful"));
        await Expect(Id(logs, "attempt-row")).ToHaveCountAsync(1);
        await logs.GoForwardAsync();
        await Expect(Id(logs, "attempt-row")).ToHaveCountAsync(3);

        // A viewer sees the dead letters but no retry control (the server refuses a viewer's retry anyway: role matrix).
        var registered = await api.PostAsJsonAsync("/api/v1/register", new { first_name = "Grace", last_name = "Hopper", email = "grace@example.com", password = Password });
        Assert.That(registered.IsSuccessStatusCode, Is.True, await registered.Content.ReadAsStringAsync());
        var login = await JsonAsync(await api.PostAsJsonAsync("/api/v1/auth/login", new { email = "ada@example.com", password = Password }));
        using (var owner = new HttpClient { BaseAddress = api.BaseAddress })
        {
            owner.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login["access_token"]!.GetValue<string>());
            var invited = await owner.PostAsJsonAsync($"/api/v1/organizations/{setup.OrganizationId}/invite", new { email = "grace@example.com", role = "viewer" });
            Assert.That(invited.IsSuccessStatusCode, Is.True, await invited.Content.ReadAsStringAsync());
        }

        // Nobody joins without accepting (ADR 0015): Grace accepts her invitation.
        var graceLogin = await JsonAsync(await api.PostAsJsonAsync("/api/v1/auth/login", new { email = "grace@example.com", password = Password }));
        using (var invitee = new HttpClient { BaseAddress = api.BaseAddress })
        {
            invitee.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", graceLogin["access_token"]!.GetValue<string>());
            var pending = await JsonAsync(await invitee.GetAsync("/api/v1/invitations"));
            var accepted = await invitee.PostAsync($"/api/v1/invitations/{pending[0]!["invitation_id"]!.GetValue<Guid>()}/accept", null);
            Assert.That(accepted.IsSuccessStatusCode, Is.True, await accepted.Content.ReadAsStringAsync());
        }

        // One more dead letter for the viewer to look at: the receiver fails again.
        fail();
        using (var sender = new HttpClient { BaseAddress = api.BaseAddress })
        {
            sender.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", setup.Secret);
            await PostJsonAsync(sender, "/api/v1/event", Scenario.Event(setup.ApplicationId, setup.EventType, payload: "{\"amount\":43}"));
        }

        await Expect(Id(page, "dead-letter-row").And(page.Locator("[data-requeued=false]"))).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        // The dead letters' filter is in the address too: a range with nothing in it survives a reload; back shows the letter again.
        await page.GoAsync(app + "/dead-letters");
        await Expect(Id(page, "dead-letter-row")).ToHaveCountAsync(1);
        await page.FillFieldAsync("filter-from", "2099-01-01T00:00");
        await Id(page, "filter-apply").ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("[?&]from=2099-01-01T00%3A00"));
        await Expect(Id(page, "dead-letters-empty")).ToBeVisibleAsync();
        await page.ReloadAsync();
        await page.WaitForInteractiveAsync();
        await Expect(page.Field("filter-from")).ToHaveValueAsync("2099-01-01T00:00");
        await Expect(Id(page, "dead-letters-empty")).ToBeVisibleAsync();
        await page.GoBackAsync();
        await Expect(Id(page, "dead-letter-row")).ToHaveCountAsync(1);
        var viewerContext = await context.Browser!.NewContextAsync(new() { BaseURL = api.BaseAddress!.ToString().TrimEnd('/') });
        var viewer = await viewerContext.NewPageAsync();
        await viewer.GoAsync("/login");
        await viewer.FillFieldAsync("email", "grace@example.com");
        await viewer.FillFieldAsync("password", Password);
        await viewer.Test("login").ClickAsync();
        await viewer.WaitForURLAsync(url => url.EndsWith('/'));
        await viewer.GoAsync(app + "/dead-letters");
        await Expect(Id(viewer, "dead-letter-row")).ToHaveCountAsync(1);
        await Expect(Id(viewer, "read-only")).ToBeVisibleAsync();
        await Expect(Id(viewer, "dead-letter-retry")).ToHaveCountAsync(0);
        await Expect(Id(viewer, "dead-letters-retry-filter")).ToHaveCountAsync(0);
        await viewer.ScreenshotAsync("logs-07-dead-letters-viewer");
        await viewerContext.CloseAsync();
    }

    private static ILocator Id(IPage page, string name) => page.Locator($"[data-test=\"{name}\"]");

    private static ILocator Id(ILocator within, string name) => within.Locator($"[data-test=\"{name}\"]");

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
