using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Hook0.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Hook0.Tests.Dashboard;

/// <summary>Forgotten password, reset from the e-mailed link, and change password, in the browser.</summary>
[NonParallelizable]
public sealed partial class PasswordPagesTests : ApiTest
{
    private const string First = "Correct-Horse-Battery-42";
    private const string Second = "Staple-Lantern-Orbit-77";
    private const string Third = "Velvet-Harbor-Quartz-19";

    [Test]
    public async Task A_user_resets_a_forgotten_password_then_changes_it()
    {
        await using var server = await DashboardServer.StartAsync(new Dictionary<string, string?>
        {
            ["AUTO_VERIFY_USERS"] = "true",
        });
        using (var api = new HttpClient { BaseAddress = server.BaseAddress })
        {
            var registered = await api.PostAsJsonAsync("/api/v1/register", new { first_name = "Ada", last_name = "Lovelace", email = "ada@example.com", password = First });
            Assert.That(registered.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        var site = server.BaseAddress.ToString().TrimEnd('/');
        await using var browser = await BrowserSession.LaunchAsync();
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = site });
        var page = await context.NewPageAsync();

        await page.GoAsync("/forgot-password");
        await page.FillFieldAsync("email", "ada@example.com");
        await page.Test("send-reset").ClickAsync();
        await Assertions.Expect(page.Test("reset-sent")).ToBeVisibleAsync();
        var line = await server.WaitForLineAsync(l => l.Contains("reset-password?token=", StringComparison.Ordinal), TimeSpan.FromSeconds(20));
        var token = Uri.UnescapeDataString(TokenPattern().Match(line).Groups[1].Value);

        await page.GoAsync($"/reset-password?token={Uri.EscapeDataString(token)}");
        await page.FillFieldAsync("password", "short");
        await page.Test("reset").ClickAsync();
        await Assertions.Expect(page.Test("reset-done")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".mud-input-helper-text.mud-input-error, .mud-input-error").First).ToBeVisibleAsync();
        await page.ScreenshotAsync("13-reset-password-refused");
        await page.FillFieldAsync("password", Second);
        await page.Test("reset").ClickAsync();
        await Assertions.Expect(page.Test("reset-done")).ToBeVisibleAsync();

        await page.GoAsync("/login");
        await page.FillFieldAsync("email", "ada@example.com");
        await page.FillFieldAsync("password", Second);
        await page.Test("login").ClickAsync();
        await page.WaitForURLAsync(site + "/");

        await page.GoAsync("/account");
        await page.FillFieldAsync("current-password", "not the current one");
        await page.FillFieldAsync("new-password", Third);
        await page.Test("change-password").ClickAsync();
        await Assertions.Expect(page.GetByText("Is not your current password")).ToBeVisibleAsync();
        await page.FillFieldAsync("current-password", Second);
        await page.ScreenshotAsync("14-account");
        await page.Test("change-password").ClickAsync();
        await page.WaitForURLAsync(new Regex("/login\\?changed=true$"));

        // Every session ended with the change: the old cookie no longer opens a page that needs one.
        await page.GoAsync("/account");
        await page.WaitForURLAsync(new Regex("/login\\?return="));
        await page.FillFieldAsync("email", "ada@example.com");
        await page.FillFieldAsync("password", Third);
        await page.Test("login").ClickAsync();
        await page.WaitForURLAsync(site + "/account");
        await server.StopAsync();
    }

    [GeneratedRegex(@"\?token=([^\s""']+)")]
    private static partial Regex TokenPattern();
}
