using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hook0.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hook0.Tests.Dashboard.Overview;

/// <summary>
/// The organization and application overviews in a real browser against the real server process, with
/// real deliveries to loopback receivers (one answering 200, one 503): the checklist ticks, the charts
/// draw, the figures match, and a new delivery appears without a reload. Screenshots under artifacts/dashboard.
/// </summary>
[NonParallelizable]
public sealed class OverviewBrowserTests : ApiTest
{
    private const string Password = "Correct-Horse-Battery-42";

    [Test]
    public async Task The_overviews_show_onboarding_quotas_events_and_delivery_analytics_live()
    {
        await using var ok = await WebhookReceiver.StartAsync();
        await using var failing = await WebhookReceiver.StartAsync();
        failing.Respond = (_, ctx) => { ctx.Response.StatusCode = StatusCodes.Status503ServiceUnavailable; return Task.CompletedTask; };
        await using var server = await DashboardServer.StartAsync(new Dictionary<string, string?>
        {
            ["AUTO_VERIFY_USERS"] = "true",
            ["DELIVERY_WORKERS_ENABLED"] = "true",
            ["DISABLE_TARGET_IP_CHECK"] = "true",
            ["ANALYTICS_ROLLUP_PERIOD_MS"] = "500",
            ["ANALYTICS_ROLLUP_LAG_MS"] = "200",
            ["MATERIALIZED_VIEWS_REFRESH_PERIOD_IN_S"] = "1",
        });
        var site = server.BaseAddress.ToString().TrimEnd('/');

        // A user with an application, an event type, two subscriptions and three events, all through the API.
        using var master = new HttpClient { BaseAddress = server.BaseAddress };
        master.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Hook0Factory.MasterKey);
        using (var anonymous = new HttpClient { BaseAddress = server.BaseAddress })
        {
            (await anonymous.PostAsJsonAsync("/api/v1/register", new { first_name = "Ada", last_name = "Lovelace", email = "ada@example.com", password = Password })).EnsureSuccessStatusCode();
        }

        var organizationId = await PersonalOrganizationAsync(server);
        var scenario = new Scenario(master);
        var applicationId = await scenario.ApplicationAsync(organizationId, "Billing");
        var eventType = await scenario.EventTypeAsync(applicationId);
        var good = await SubscribeAsync(master, applicationId, eventType, ok.Url(), "receiver that works");
        var bad = await SubscribeAsync(master, applicationId, eventType, failing.Url(), "receiver that fails");
        for (var i = 0; i < 3; i++)
        {
            await scenario.IngestAsync(applicationId, eventType);
        }

        await ok.WaitForAsync(3, TimeSpan.FromSeconds(30));
        await failing.WaitForAsync(3, TimeSpan.FromSeconds(30));

        await using var browser = await BrowserSession.LaunchAsync();
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = site, ViewportSize = new() { Width = 1400, Height = 1000 } });
        var page = await context.NewPageAsync();
        try
        {
            await page.GoAsync("/login");
            await page.FillFieldAsync("email", "ada@example.com");
            await page.FillFieldAsync("password", Password);
            await page.Test("login").ClickAsync();
            await page.WaitForURLAsync(site + "/");

            // Organization overview: every step done once the roll-up has counted the first delivery (reloaded until then).
            await ReloadUntilAsync(page, $"/organizations/{organizationId}", "[data-test=onboarding-step-first-delivery][data-done=true]");
            await ReloadUntilAsync(page, $"/organizations/{organizationId}", "[data-test=events-per-day-chart][data-total='3']");
            await Expect(page.Locator("[data-test=onboarding-checklist]")).ToHaveAttributeAsync("data-done", "5");
            foreach (var step in new[] { "application", "event-type", "subscription", "first-event", "first-delivery" })
            {
                await Expect(page.Locator($"[data-test=onboarding-step-{step}]")).ToHaveAttributeAsync("data-done", "true");
            }

            await Expect(page.Locator("[data-test=overview-quotas]")).ToContainTextAsync("Applications: 1");
            await Expect(page.Locator("[data-test=events-per-day-total]")).ToHaveTextAsync("3");
            await Expect(page.Locator("[data-test=events-per-day-chart] svg").First).ToBeVisibleAsync();
            await page.ScreenshotAsync("20-organization-overview");

            // Application overview, reached from the navigation menu.
            await page.GoAsync($"/organizations/{organizationId}/applications/{applicationId}");
            await page.Locator("[data-test=nav-overview]").ClickAsync();
            await page.WaitForURLAsync($"{site}/organizations/{organizationId}/applications/{applicationId}/overview");
            await page.WaitForInteractiveAsync();
            await Expect(page.Locator("[data-test=analytics-total]")).ToHaveTextAsync("6");
            await Expect(page.Locator("[data-test=analytics-success-rate]")).ToHaveTextAsync("50.0 %");
            foreach (var p in new[] { "p50", "p95", "p99" })
            {
                await Expect(page.Locator($"[data-test=analytics-latency-{p}]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+(\.\d)? m?s$"));
            }

            await Expect(page.Locator("[data-test=analytics-deliveries-chart] svg").First).ToBeVisibleAsync();
            await Expect(page.Locator("[data-test=analytics-status-classes] svg").First).ToBeVisibleAsync();
            await Expect(page.Locator("[data-test=error-class-E_HTTP]")).ToContainTextAsync("3");
            await Expect(page.Locator($"[data-test=subscription-health-{good}]")).ToContainTextAsync("100.0 %");
            await Expect(page.Locator($"[data-test=subscription-health-{bad}]")).ToContainTextAsync("0.0 %");
            await Expect(page.Locator("[data-test=onboarding-checklist]")).ToHaveAttributeAsync("data-done", "4");
            await page.ScreenshotAsync("21-application-overview");

            // Live: a new event's deliveries appear without a reload, once the roll-up has counted them.
            await scenario.IngestAsync(applicationId, eventType);
            await Expect(page.Locator("[data-test=analytics-total]")).ToHaveTextAsync("8");
            await Expect(page.Test("live-indicator")).ToHaveAttributeAsync("data-live-state", "live");

            // One subscription, then a longer window: the figures follow, the selection stays.
            await page.Locator($"[data-test=subscription-health-{bad}]").ClickAsync();
            await Expect(page.Locator("[data-test=analytics-success-rate]")).ToHaveTextAsync("0.0 %");
            await Expect(page.Locator("[data-test=analytics-total]")).ToHaveTextAsync("4");
            await page.Locator("[data-test=analytics-window-7d]").ClickAsync();
            await Expect(page.Locator("[data-test=analytics-window]")).ToHaveAttributeAsync("data-window", "7 d");
            await Expect(page.Locator("[data-test=analytics-deliveries-chart]")).ToHaveAttributeAsync("data-points", "168");
            await Expect(page.Locator("[data-test=analytics-total]")).ToHaveTextAsync("4");
            await page.ScreenshotAsync("22-application-overview-one-subscription");

            // The window and the subscription are in the address: a reload keeps both; back returns to the default window.
            await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex($"window=Last7Days.*subscription_id={bad}|subscription_id={bad}.*window=Last7Days"));
            await page.ReloadAsync();
            await page.WaitForInteractiveAsync();
            await Expect(page.Locator("[data-test=analytics-window]")).ToHaveAttributeAsync("data-window", "7 d");
            await Expect(page.Locator("[data-test=analytics-total]")).ToHaveTextAsync("4");
            await page.GoBackAsync();
            await Expect(page.Locator("[data-test=analytics-window]")).Not.ToHaveAttributeAsync("data-window", "7 d");
            Assert.That(page.Url, Does.Contain($"subscription_id={bad}").And.Not.Contain("window="));
        }
        catch
        {
            await page.ScreenshotAsync("failure-overview");
            await TestContext.Out.WriteLineAsync(string.Join('\n', server.Output.Where(l => l.Contains("fail", StringComparison.OrdinalIgnoreCase) || l.Contains("Exception", StringComparison.Ordinal)).Take(40)));
            throw;
        }

        await server.StopAsync();
    }

    private static async Task<Guid> PersonalOrganizationAsync(ServerProcess server)
    {
        using var api = new HttpClient { BaseAddress = server.BaseAddress };
        var login = await (await api.PostAsJsonAsync("/api/v1/auth/login", new { email = "ada@example.com", password = Password })).Content.ReadFromJsonAsync<JsonObject>();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login!["access_token"]!.GetValue<string>());
        var organizations = await api.GetFromJsonAsync<JsonArray>("/api/v1/organizations");
        return organizations![0]!["organization_id"]!.GetValue<Guid>();
    }

    private static async Task<Guid> SubscribeAsync(HttpClient master, Guid applicationId, string eventType, string url, string description)
    {
        var response = await master.PostAsJsonAsync("/api/v1/subscriptions", new
        {
            application_id = applicationId, is_enabled = true, event_types = new[] { eventType }, description,
            labels = new Dictionary<string, string> { ["env"] = "prod" },
            target = new { type = "http", method = "POST", url, headers = new Dictionary<string, string>() },
            retry_policy = new { max_retries = 0, schedule = new[] { 1 } },
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["subscription_id"]!.GetValue<Guid>();
    }

    /// <summary>The organization page is not live: opened again until the figure has arrived (roll-up and events-per-day refresh run every second).</summary>
    private static async Task ReloadUntilAsync(IPage page, string url, string selector)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await page.GoAsync(url);
            try
            {
                await page.Locator(selector).WaitForAsync(new() { Timeout = 2_000 });
                return;
            }
            catch (TimeoutException) when (DateTime.UtcNow < deadline)
            {
            }
        }
    }
}
