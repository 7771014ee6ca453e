using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Hook0.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Hook0.Tests.Dashboard;

/// <summary>
/// The dashboard end to end in a real browser against the real server process: everything an operator
/// configures, from registration to a viewer who sees the read-only UI. Screenshots of each main page
/// are attached to the test (and kept under artifacts/dashboard).
/// </summary>
[NonParallelizable]
public sealed partial class DashboardJourneyTests : ApiTest
{
    private const string Password = "Correct-Horse-Battery-42";

    [Test]
    public async Task An_operator_configures_everything_in_the_browser_and_a_viewer_sees_it_read_only()
    {
        await using var server = await DashboardServer.StartAsync();
        var site = server.BaseAddress.ToString().TrimEnd('/');
        await using var browser = await BrowserSession.LaunchAsync();
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = site });
        var page = await context.NewPageAsync();
        try
        {
            await JourneyAsync(server, browser, page, site);
        }
        catch
        {
            // What the browser showed and what the server said, for whoever reads the failure.
            var open = browser.Browser.Contexts.SelectMany(c => c.Pages).ToList();
            for (var i = 0; i < open.Count; i++)
            {
                await open[i].ScreenshotAsync($"failure-{i + 1}");
            }

            await TestContext.Out.WriteLineAsync(string.Join('\n', server.Output.Where(l => l.Contains("fail", StringComparison.OrdinalIgnoreCase) || l.Contains("Exception", StringComparison.Ordinal)).Take(40)));
            throw;
        }

        await server.StopAsync();
    }

    private static async Task JourneyAsync(ServerProcess server, BrowserSession browser, IPage page, string site)
    {

        // Register, then follow the link the server wrote to its log (no SMTP configured).
        await page.GoAsync("/register");
        await page.FillFieldAsync("first-name", "Ada");
        await page.FillFieldAsync("last-name", "Lovelace");
        await page.FillFieldAsync("email", "ada@example.com");
        await page.FillFieldAsync("password", Password);
        await page.ScreenshotAsync("01-register");
        await page.Test("register").ClickAsync();
        await Expect(page.Test("registered")).ToHaveAttributeAsync("data-verification-sent", "true");
        await Expect(page.Test("registered")).ToContainTextAsync("We sent a link to ada@example.com");
        var token = await LinkTokenAsync(server, "ada@example.com", "verify-email");

        await page.GoAsync($"/verify-email?token={Uri.EscapeDataString(token)}");
        await page.ScreenshotAsync("02-verify-email");
        await page.Test("verify").ClickAsync();
        await page.WaitForURLAsync(new Regex("/\\?verified=true$"));
        await page.WaitForInteractiveAsync();
        await Expect(page.Test("organization-link")).ToHaveCountAsync(1); // the personal organization

        // Log out, then log in: first with a wrong password (the problem shows next to the field).
        await page.Test("account-menu").ClickAsync();
        await page.Test("logout").ClickAsync();
        await page.WaitForURLAsync(new Regex("/login$"));
        await page.WaitForInteractiveAsync();
        await page.FillFieldAsync("email", "ada@example.com");
        await page.FillFieldAsync("password", "not the password");
        await page.Test("login").ClickAsync();
        await page.WaitForURLAsync(new Regex("error=AuthFailedLogin"));
        await Expect(page.GetByText("The e-mail address or the password is wrong.")).ToBeVisibleAsync();
        await page.ScreenshotAsync("03-login");
        await page.WaitForInteractiveAsync();
        await page.FillFieldAsync("password", Password);
        await page.Test("login").ClickAsync();
        await page.WaitForURLAsync(site + "/");
        await page.WaitForInteractiveAsync();

        // Organization and application.
        await page.Test("new-organization").ClickAsync();
        await page.WaitForInteractiveAsync();
        await page.FillFieldAsync("organization-name", "Acme");
        await page.Test("create-organization").ClickAsync();
        await page.WaitForURLAsync(new Regex("/organizations/[0-9a-f-]{36}$"));
        var organizationId = Guid.Parse(page.Url[^36..]);
        await Expect(page.Test("organization-title")).ToHaveTextAsync("Acme");
        await Expect(page.Test("applications-empty")).ToContainTextAsync("Create the first one below"); // an empty page says what to do next
        await page.FillFieldAsync("application-name", "Billing");
        await page.ScreenshotAsync("04-organization");
        await page.Test("create-application").ClickAsync();
        await page.WaitForURLAsync(new Regex("/applications/[0-9a-f-]{36}/overview$"));
        await Expect(page.Test("overview-title")).ToHaveTextAsync("Billing");
        // A heading focused as the navigation focuses it (tabindex -1, focus(); Routes.razor's FocusOnNavigate) after a
        // full load, when the browser would draw its focus ring: no box around it.
        await page.GoAsync(page.Url);
        await Expect(page.Test("overview-title")).ToHaveTextAsync("Billing");
        Assert.That(await page.EvaluateAsync<string>("(() => { const h = document.querySelector('h1'); h.tabIndex = -1; h.focus(); return document.activeElement === h ? getComputedStyle(h).outlineStyle : 'not focused'; })()"),
            Is.EqualTo("none"));
        var applicationBase = page.Url[..^"/overview".Length];
        await page.GoAsync(applicationBase);
        await Expect(page.Test("application-title")).ToHaveTextAsync("Billing");
        await Expect(page.Test("events-today-quota")).ToHaveTextAsync(new Regex(@"^Events today: 0 / ([\d,]+|unlimited)$"));
        await Expect(page.Test("retention-quota")).Not.ToContainTextAsync("2147483647");
        await page.ScreenshotAsync("05-application");

        // Event type.
        await page.GoAsync(applicationBase + "/event-types");
        await Expect(page.Test("event-types-empty")).ToBeVisibleAsync();
        await page.FillFieldAsync("event-type-service", "billing");
        await page.FillFieldAsync("event-type-resource", "invoice");
        await page.FillFieldAsync("event-type-verb", "paid");
        await page.FillFieldAsync("event-type-schema", """{"type": "object"}""");
        await page.Test("create-event-type").ClickAsync();
        await Expect(page.Test("event-type-row")).ToHaveCountAsync(1);
        await Expect(page.Test("event-types-empty")).ToHaveCountAsync(0);
        await Expect(page.Test("event-type-row")).ToContainTextAsync("billing.invoice.paid");
        await page.ScreenshotAsync("06-event-types");

        // Subscription: an invalid URL is refused next to its field, then a good one is saved.
        await page.GoAsync(applicationBase + "/subscriptions");
        await page.Test("subscriptions-empty-next").ClickAsync();
        await page.WaitForURLAsync(new Regex("/subscriptions/new$"));
        await page.WaitForInteractiveAsync();
        await page.FillFieldAsync("subscription-description", "Accounting");
        await page.FillFieldAsync("subscription-url", "not a url");
        await page.FillFieldAsync("label-key", "tenant");
        await page.FillFieldAsync("label-value", "acme");
        await page.Test("subscription-event-types").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "billing.invoice.paid" }).ClickAsync();
        await page.Keyboard.PressAsync("Escape");
        await page.Locator("h1").ClickAsync(); // closes the list if Escape did not
        await Expect(page.GetByRole(AriaRole.Option, new() { Name = "billing.invoice.paid" })).ToBeHiddenAsync();
        await Expect(page.Field("label-key")).ToHaveValueAsync("tenant");
        await page.Test("save-subscription").ClickAsync();
        await Expect(page.GetByText("Must be an absolute http or https URL")).ToBeVisibleAsync();
        await page.FillFieldAsync("subscription-url", "https://receiver.example.com/hook0");
        await page.Test("save-subscription").ClickAsync();
        await page.WaitForURLAsync(new Regex("/subscriptions/[0-9a-f-]{36}$"));
        await Expect(page.Test("standard-secret")).ToContainTextAsync("whsec_");
        await Expect(page.Test("verification-snippet")).ToContainTextAsync("webhook.verify");
        await page.Test("send-test-event").ClickAsync();
        await Expect(page.Test("test-event-sent")).ToBeVisibleAsync();
        var firstSecret = await page.Test("standard-secret").InnerTextAsync();
        // Rotating asks first, saying what happens: cancelled, nothing changes; confirmed, a toast says what was done.
        await page.Test("rotate-secret").ClickAsync();
        await Expect(page.Locator(".mud-dialog")).ToContainTextAsync("the current one stays valid for the grace period");
        await page.AnswerDialogAsync("Cancel");
        await Expect(page.Test("standard-secret")).ToHaveTextAsync(firstSecret);
        await page.Test("rotate-secret").ClickAsync();
        await page.AnswerDialogAsync("Rotate");
        await Expect(page.Locator(".mud-snackbar", new() { HasText = "New secret issued" })).ToBeVisibleAsync();
        await Expect(page.Test("standard-secret")).Not.ToHaveTextAsync(firstSecret);
        await Expect(page.GetByText("Previous secret")).ToContainTextAsync(firstSecret);
        await page.ScreenshotAsync("07-subscription");
        // Disabling asks too (it cancels what waits); enabling again does not.
        await page.Field("subscription-enabled").ClickAsync();
        await Expect(page.Locator(".mud-dialog")).ToContainTextAsync("waiting attempts are cancelled");
        await page.AnswerDialogAsync("Disable");
        await Expect(page.Locator(".mud-snackbar", new() { HasText = "Disabled: waiting attempts were cancelled." })).ToBeVisibleAsync();
        await Expect(page.Field("subscription-enabled")).Not.ToBeCheckedAsync();
        await page.Field("subscription-enabled").ClickAsync();
        await Expect(page.Field("subscription-enabled")).ToBeCheckedAsync();
        await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        // A circuit opened by the breaker (#26, set as the lifecycle would) shows its reason; Reset closes it.
        var subscriptionId = page.Url.Split('/')[^1];
        await Database.ExecuteAsync($"""
            UPDATE webhook.delivery_lane SET metered = true, circuit_state = 'open', circuit_reason = 'HTTP 503', consecutive_failures = 10,
                   circuit_changed_at = now(), held_until = now() + interval '1 hour'
            WHERE subscription_id = '{subscriptionId}'
            """);
        await page.ReloadAsync();
        await Expect(page.Test("subscription-circuit")).ToContainTextAsync("Circuit open: HTTP 503 (10 failures in a row)");
        await page.Test("subscription-reset-circuit").ClickAsync();
        await Expect(page.Test("subscription-circuit")).ToHaveCountAsync(0);
        Assert.That(await Database.ScalarAsync<bool>($"SELECT circuit_state IS NULL AND NOT metered FROM webhook.delivery_lane WHERE subscription_id = '{subscriptionId}'"), Is.True);
        // Only the test event's type: disabling above writes an operational event, which the relay (every 5 s)
        // may already have ingested into the organization's system application.
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM event.event WHERE event_type_name = 'billing.invoice.paid'"), Is.EqualTo(1), "the test event was ingested");

        // Service token: mint, then attenuate it to read-only; the server honours the new block.
        await page.GoAsync($"/organizations/{organizationId}/service-tokens");
        await page.FillFieldAsync("token-name", "CI");
        await page.Test("create-token").ClickAsync();
        await Expect(page.Test("token-row")).ToHaveCountAsync(1);
        await page.ScreenshotAsync("08-service-tokens");
        await page.Test("token-attenuate").ClickAsync();
        await page.WaitForURLAsync(new Regex("/service-tokens/[0-9a-f-]{36}$"));
        await page.WaitForInteractiveAsync();
        await Expect(page.Test("token-block")).ToHaveCountAsync(1);
        await page.Field("attenuate-read-only").CheckAsync();
        await page.Test("attenuate").ClickAsync();
        await Expect(page.Test("token-block")).ToHaveCountAsync(2);
        await Expect(page.Test("token-block").Nth(1)).ToContainTextAsync("check if action($a)");
        await page.ScreenshotAsync("09-attenuation");
        var attenuated = (await page.Test("token-text").InnerTextAsync()).Trim();
        using (var api = new HttpClient { BaseAddress = server.BaseAddress })
        {
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", attenuated);
            Assert.That((await api.GetAsync($"/api/v1/organizations/{organizationId}")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "reads pass");
            var write = await api.PostAsJsonAsync("/api/v1/applications", new { organization_id = organizationId, name = "Not allowed" });
            Assert.That(write.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "writes are refused by the attenuation block");
        }

        // A second person gets an account (through the API), is invited as a viewer, logs in, and sees no edit controls.
        using (var api = new HttpClient { BaseAddress = server.BaseAddress })
        {
            var registered = await api.PostAsJsonAsync("/api/v1/register",
                new { first_name = "Grace", last_name = "Hopper", email = "grace@example.com", password = Password });
            Assert.That(registered.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            var verified = await api.PostAsJsonAsync("/api/v1/auth/verify-email", new { token = await LinkTokenAsync(server, "grace@example.com", "verify-email") });
            Assert.That(verified.IsSuccessStatusCode, Is.True);
        }

        await page.GoAsync($"/organizations/{organizationId}/members");
        await page.FillFieldAsync("invite-email", "grace@example.com");
        await page.Test("invite").ClickAsync();
        // Nobody joins without accepting (ADR 0015): the invitation waits, and the editor sees it.
        await Expect(page.Test("invitation-row")).ToHaveCountAsync(1);
        await Expect(page.Test("member-row")).ToHaveCountAsync(1);
        await page.ScreenshotAsync("10-members");

        var viewerContext = await browser.Browser.NewContextAsync(new() { BaseURL = site, ViewportSize = new() { Width = 390, Height = 844 } });
        var viewer = await viewerContext.NewPageAsync();
        await viewer.GoAsync("/login");
        await viewer.FillFieldAsync("email", "grace@example.com");
        await viewer.FillFieldAsync("password", Password);
        await viewer.Test("login").ClickAsync();
        await viewer.WaitForURLAsync(site + "/");
        await viewer.GoAsync("/invitations");
        await Expect(viewer.Test("my-invitation-row")).ToHaveCountAsync(1);
        await viewer.Test("accept-invitation").ClickAsync();
        await viewer.WaitForURLAsync(site + $"/organizations/{organizationId}");
        await viewer.GoAsync($"/organizations/{organizationId}");
        await Expect(viewer.Test("read-only")).ToBeVisibleAsync();
        await Expect(viewer.Test("application-link")).ToHaveCountAsync(1);
        await Expect(viewer.Test("create-application")).ToHaveCountAsync(0);
        await viewer.ScreenshotAsync("11-viewer-organization-phone");
        await viewer.Test("application-link").ClickAsync();
        await Expect(viewer.Test("application-title")).ToHaveTextAsync("Billing");
        await Expect(viewer.Test("rename-application")).ToHaveCountAsync(0);
        await Expect(viewer.Test("delete-application-ask")).ToHaveCountAsync(0);
        await viewer.GoAsync(applicationBase.Replace(site, "", StringComparison.Ordinal) + "/subscriptions");
        await Expect(viewer.Test("subscription-row")).ToHaveCountAsync(1);
        await Expect(viewer.Test("new-subscription")).ToHaveCountAsync(0);
        await viewer.Test("subscription-link").ClickAsync();
        await Expect(viewer.Test("secret-hidden")).ToBeVisibleAsync();
        await Expect(viewer.Test("standard-secret")).ToHaveCountAsync(0);
        await Expect(viewer.Test("save-subscription")).ToHaveCountAsync(0);
        await Expect(viewer.Test("send-test-event")).ToHaveCountAsync(0);

        // Dark mode, and an unknown organization gives a message rather than an exception page.
        const string background = "getComputedStyle(document.documentElement).getPropertyValue('--mud-palette-background').trim()";
        var light = await viewer.EvaluateAsync<string>(background);
        await viewer.Test("dark-mode").ClickAsync();
        await viewer.WaitForFunctionAsync($"{background} !== '{light}'");
        await viewer.ScreenshotAsync("12-viewer-subscription-dark");
        await viewer.GoAsync($"/organizations/{Guid.NewGuid()}");
        await Expect(viewer.Test("form-error")).ToBeVisibleAsync();
    }

    private static async Task<string> LinkTokenAsync(ServerProcess server, string email, string path)
    {
        var line = await server.WaitForLineAsync(l => l.Contains(email, StringComparison.Ordinal) && l.Contains(path + "?token=", StringComparison.Ordinal), TimeSpan.FromSeconds(20));
        return Uri.UnescapeDataString(TokenPattern().Match(line).Groups[1].Value);
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    [GeneratedRegex(@"\?token=([^\s""']+)")]
    private static partial Regex TokenPattern();
}
