using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hook0.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Hook0.Tests.Dashboard;

/// <summary>
/// Registration says what happened: with accounts verified automatically no e-mail is sent, so the page does not claim
/// one was (the journey test covers the page when a link is sent); the REST answer stays upstream's two ids.
/// </summary>
[NonParallelizable]
public sealed class RegisterPageTests : ApiTest
{
    [Test]
    public async Task With_automatic_verification_the_page_says_the_account_is_ready_not_that_a_mail_was_sent()
    {
        await using var server = await DashboardServer.StartAsync(new Dictionary<string, string?> { ["AUTO_VERIFY_USERS"] = "true" });
        var site = server.BaseAddress.ToString().TrimEnd('/');
        await using var browser = await BrowserSession.LaunchAsync();
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = site });
        var page = await context.NewPageAsync();

        await page.GoAsync("/register");
        await page.FillFieldAsync("first-name", "Grace");
        await page.FillFieldAsync("last-name", "Hopper");
        await page.FillFieldAsync("email", "grace@example.com");
        await page.FillFieldAsync("password", "Correct-Horse-Battery-42");
        await page.Test("register").ClickAsync();

        var registered = page.Test("registered");
        await Assertions.Expect(registered).ToHaveAttributeAsync("data-verification-sent", "false");
        await Assertions.Expect(registered).ToContainTextAsync("ready: log in with grace@example.com");
        await Assertions.Expect(registered).Not.ToContainTextAsync("We sent");
        Assert.That(server.Output.Any(l => l.Contains("verify-email?token=", StringComparison.Ordinal)), Is.False, "no link was written");

        using var api = new HttpClient { BaseAddress = server.BaseAddress };
        var answer = await api.PostAsJsonAsync("/api/v1/register", new { first_name = "Ada", last_name = "Lovelace", email = "ada@example.com", password = "Staple-Lantern-Orbit-77" });
        var body = (await answer.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.That(body.Select(p => p.Key).Order(), Is.EqualTo(new[] { "organization_id", "user_id" }), "the wire answer is upstream's");
        await server.StopAsync();
    }
}
