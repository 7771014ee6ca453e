using Hook0.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Hook0.Tests.Dashboard.Accessibility;

/// <summary>
/// The dashboard's pages in Debian's Chromium, each loaded wide (1280×800) and at a phone's width (390×844): axe-core
/// finds no serious or critical violation at either width, and at the phone's width the page itself never scrolls
/// sideways (wide tables scroll inside their own wrapper). One server, one browser, data seeded through the API.
/// In CI it visits the most-used pages; the tour command (<c>HOOK0_DASHBOARD_TOUR=1</c>, see docs/dashboard.md)
/// visits every <c>@page</c> of the dashboard and saves both screenshots of each under artifacts/dashboard/tour.
/// </summary>
[NonParallelizable]
public sealed class DashboardTourTests : ApiTest
{
    /// <summary>Set to 1 to tour every page and save its screenshots (the documented tour command).</summary>
    public const string TourVariable = "HOOK0_DASHBOARD_TOUR";

    private static readonly (string Name, int Width, int Height)[] Widths = [("wide", 1280, 800), ("phone", 390, 844)];

    [Test]
    public async Task Pages_have_no_serious_or_critical_accessibility_violation_and_never_scroll_sideways_on_a_phone()
    {
        var everyPage = Environment.GetEnvironmentVariable(TourVariable) == "1";
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await DashboardServer.StartAsync(new Dictionary<string, string?>
        {
            ["AUTO_VERIFY_USERS"] = "true",
            ["DELIVERY_WORKERS_ENABLED"] = "true",
            ["DISABLE_TARGET_IP_CHECK"] = "true", // the receiver is on loopback
            ["DELIVERY_POLL_INTERVAL_MS"] = "200",
        });
        using var api = new HttpClient { BaseAddress = server.BaseAddress };
        var seed = await TourSeed.CreateAsync(api, receiver.Url());
        var pages = TourPages.For(seed, everyPage);
        if (everyPage)
        {
            Assert.That(pages.Select(p => p.Template), Is.EquivalentTo(TourPages.AllTemplates()), "the tour visits every page");
        }

        await using var browser = await BrowserSession.LaunchAsync();
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = server.BaseAddress.ToString().TrimEnd('/') });
        var page = await context.NewPageAsync();
        var findings = new List<string>();
        var signedIn = false;
        var portalOpened = false;
        try
        {
            foreach (var tourPage in pages)
            {
                if (tourPage.SignedIn && !signedIn)
                {
                    await LogInAsync(page, seed);
                    signedIn = true;
                }

                if (TourPages.IsPortal(tourPage.Template) && !portalOpened)
                {
                    // The link opens once; the page keeps the session (sessionStorage) for the other portal pages.
                    await page.GoAsync(seed.PortalLink);
                    await page.Test("endpoint-row").First.WaitForAsync(new() { Timeout = 20_000 });
                    portalOpened = true;
                }

                foreach (var (name, width, height) in Widths)
                {
                    await page.SetViewportSizeAsync(width, height);
                    await page.GoAsync(tourPage.Address); // a fresh load at each width, as a phone would load it
                    await ReadyAsync(page, tourPage);
                    // Colours are measured as they end, not halfway through a button's 250 ms fade from its busy
                    // (disabled) look: axe once caught "Change my password" mid-transition and called it low contrast.
                    await page.AddStyleTagAsync(new() { Content = "*, *::before, *::after { transition: none !important; animation: none !important; }" });
                    var where = $"{tourPage.Template} ({name})";
                    findings.AddRange(await AxeFindings.BlockingAsync(page, where));
                    if (width < 600)
                    {
                        var sideways = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
                        if (sideways[0] > sideways[1])
                        {
                            findings.Add($"{where}: the page scrolls sideways ({sideways[0]} px of content in a {sideways[1]} px window); widest: {await WidestAsync(page)}");
                        }
                    }

                    if (everyPage)
                    {
                        await SaveAsync(page, $"{tourPage.Slug}-{name}");
                    }
                }
            }
        }
        catch
        {
            await page.ScreenshotAsync("tour-failure");
            throw;
        }

        await TestContext.Out.WriteLineAsync($"Visited {pages.Count} pages at {Widths.Length} widths; {findings.Count} findings.");
        Assert.That(findings, Is.Empty, string.Join('\n', findings));
        await server.StopAsync();
    }

    private static async Task LogInAsync(IPage page, TourSeed seed)
    {
        await page.GoAsync("/login");
        await page.FillFieldAsync("email", seed.Email);
        await page.FillFieldAsync("password", seed.Password);
        await page.Test("login").ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith('/'));
    }

    /// <summary>
    /// Waits until the page shows the seeded data (its <see cref="TourPage.Ready"/> element), so axe checks the page a
    /// user reads rather than its loading state. Pages without one (tour only) get until their loading indicators are gone.
    /// </summary>
    private static async Task ReadyAsync(IPage page, TourPage tourPage)
    {
        if (tourPage.Ready is { } ready)
        {
            await page.Test(ready).First.WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 20_000 });
            return;
        }

        await page.WaitForFunctionAsync("() => !document.querySelector('.mud-progress-indeterminate, .mud-skeleton')",
            null, new() { Timeout = 20_000 });
    }

    /// <summary>The element reaching furthest right, for the message of a page that scrolls sideways.</summary>
    private static Task<string> WidestAsync(IPage page) => page.EvaluateAsync<string>("""
        () => {
          let widest = null, right = 0;
          for (const e of document.body.querySelectorAll('*')) {
            const r = e.getBoundingClientRect().right;
            if (r > right) { right = r; widest = e; }
          }
          return widest ? `${widest.tagName.toLowerCase()}.${[...widest.classList].join('.')} (right edge ${Math.round(right)} px)` : 'none';
        }
        """);

    private static async Task SaveAsync(IPage page, string name)
    {
        var directory = Path.Combine(TestContext.CurrentContext.WorkDirectory, "artifacts", "dashboard", "tour");
        Directory.CreateDirectory(directory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(directory, name + ".png"), FullPage = true });
    }
}
