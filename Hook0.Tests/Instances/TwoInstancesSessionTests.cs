using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Hook0.Tests.Dashboard;
using Hook0.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Hook0.Tests.Instances;

/// <summary>
/// Two server processes on one database, in Chromium (issue #23, item 8): a sign-in on one is a sign-in on the
/// other (the session is in <c>iam</c>, the cookie's key ring in <c>infrastructure</c>), a form rendered by one is
/// accepted by the other (antiforgery), both restart and the browser is still signed in, and a session revoked on
/// one is refused by the other, an open page included. Browser cookies ignore the port: both instances on
/// 127.0.0.1 see the same cookies, as behind one load balancer.
/// </summary>
[NonParallelizable]
public sealed partial class TwoInstancesSessionTests : ApiTest
{
    private const string Email = "ada@example.com";

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["AUTO_VERIFY_USERS"] = "true",
        ["BISCUIT_PRIVATE_KEY"] = Hook0Factory.BiscuitPrivateKey,
        ["HOUSEKEEPING_ENABLED"] = "false",
        ["DELIVERY_WORKERS_ENABLED"] = "false",
    };

    [Test]
    public async Task A_session_signed_in_on_one_instance_works_on_the_other_survives_restarts_and_is_revoked_everywhere()
    {
        var (a, b) = (await DashboardServer.StartAsync(Settings), await DashboardServer.StartAsync(Settings));
        await using var browser = await BrowserSession.LaunchAsync();
        try
        {
            using (var api = new HttpClient { BaseAddress = a.BaseAddress })
            {
                var registered = await api.PostAsJsonAsync("/api/v1/register", new { first_name = "Ada", last_name = "Lovelace", email = Email, password = UserAccounts.Password });
                Assert.That(registered.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            }

            await using var first = await browser.Browser.NewContextAsync();
            var page = await first.NewPageAsync();

            // The login form rendered by A is posted to B: B validates A's antiforgery token and sets the session cookie.
            await page.GoAsync(Site(a) + "/login");
            await page.FillFieldAsync("email", Email);
            await page.FillFieldAsync("password", UserAccounts.Password);
            await page.EvaluateAsync("url => document.querySelector('[data-test=\"login-form\"]').action = url", Site(b) + "/dashboard/login");
            await page.Test("login").ClickAsync();
            await page.WaitForURLAsync(Site(b) + "/");

            foreach (var server in new[] { a, b })
            {
                await ExpectSignedInAsync(page, server, sessions: 1);
            }

            // Restart both: the session (iam) and the cookie's keys (infrastructure) are in the database, not in a process.
            await Task.WhenAll(a.StopAsync(), b.StopAsync());
            await Task.WhenAll(a.DisposeAsync().AsTask(), b.DisposeAsync().AsTask());
            (a, b) = (await DashboardServer.StartAsync(Settings), await DashboardServer.StartAsync(Settings));
            foreach (var server in new[] { a, b })
            {
                await ExpectSignedInAsync(page, server, sessions: 1);
            }

            // A second browser signs in on A and keeps a page open there.
            await using var second = await browser.Browser.NewContextAsync();
            var other = await second.NewPageAsync();
            await other.GoAsync(Site(a) + "/login");
            await other.FillFieldAsync("email", Email);
            await other.FillFieldAsync("password", UserAccounts.Password);
            await other.Test("login").ClickAsync();
            await other.WaitForURLAsync(Site(a) + "/");
            await ExpectSignedInAsync(other, a, sessions: 2);

            // The first browser, on B, signs the second one out.
            await ExpectSignedInAsync(page, b, sessions: 2);
            await page.Test("end-session").ClickAsync();
            await Assertions.Expect(page.Test("session-row")).ToHaveCountAsync(1);
            await page.ScreenshotAsync("23-account-sessions");

            // Refused on A: the page left open there acts no more (its next server call lands on the login page), nor does a reload.
            await other.FillFieldAsync("current-password", UserAccounts.Password);
            await other.FillFieldAsync("new-password", "Staple-Lantern-Orbit-77");
            await other.Test("change-password").ClickAsync();
            await other.WaitForURLAsync(LoginRedirect());
            await other.GotoAsync(Site(a) + "/account");
            await other.WaitForURLAsync(LoginRedirect());

            // The first browser is untouched, and its password unchanged (the revoked page's change did not happen).
            await ExpectSignedInAsync(page, a, sessions: 1);
            using var check = new HttpClient { BaseAddress = a.BaseAddress };
            var login = await check.PostAsJsonAsync("/api/v1/auth/login", new { email = Email, password = UserAccounts.Password });
            Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.Created), "the old password still works");
        }
        finally
        {
            await Task.WhenAll(a.StopAsync(), b.StopAsync());
            await Task.WhenAll(a.DisposeAsync().AsTask(), b.DisposeAsync().AsTask());
        }
    }

    private static string Site(ServerProcess server) => server.BaseAddress.ToString().TrimEnd('/');

    private static async Task ExpectSignedInAsync(IPage page, ServerProcess server, int sessions)
    {
        await page.GoAsync(Site(server) + "/account");
        Assert.That(page.Url, Is.EqualTo(Site(server) + "/account"), "not sent to log in");
        await Assertions.Expect(page.Test("this-session")).ToBeVisibleAsync();
        await Assertions.Expect(page.Test("session-row")).ToHaveCountAsync(sessions);
    }

    private static Regex LoginRedirect() => LoginPattern();

    [GeneratedRegex("/login\\?return=")]
    private static partial Regex LoginPattern();
}
