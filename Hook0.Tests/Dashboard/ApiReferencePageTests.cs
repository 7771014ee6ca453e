using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Hook0.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Hook0.Tests.Dashboard;

/// <summary>
/// The API reference renders on a machine without internet: every request leaving the loopback is refused, the page
/// still shows the API and its operation groups, and it asked nothing of the outside (it used to fetch web fonts).
/// </summary>
[NonParallelizable]
public sealed class ApiReferencePageTests : ApiTest
{
    [Test]
    public async Task The_reference_renders_with_the_outside_network_blocked_and_asks_nothing_of_it()
    {
        await using var server = await DashboardServer.StartAsync();
        var site = server.BaseAddress.ToString().TrimEnd('/');
        await using var browser = await BrowserSession.LaunchAsync();
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = site });
        var outside = new ConcurrentBag<string>();
        await context.RouteAsync("**/*", async route =>
        {
            if (new Uri(route.Request.Url).Host is "127.0.0.1" or "localhost")
            {
                await route.ContinueAsync();
                return;
            }

            outside.Add(route.Request.Url);
            await route.AbortAsync("internetdisconnected");
        });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/api/documentation");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Hook0 API" })).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByText(new Regex("^Subscriptions Management$")).First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText(new Regex("^Dead Letters$")).First).ToBeVisibleAsync();
        await page.ScreenshotAsync("api-reference-offline");
        Assert.That(outside, Is.Empty, "asked of the outside: " + string.Join(", ", outside.Distinct()));
    }
}
