using System.Net.Http.Json;
using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.Organizations.Accounts;

/// <summary>Settings that change registration: turned off, or new users verified at once (the quick-start's default).</summary>
public sealed class RegistrationSettingsTests : ApiTest
{
    [Test]
    public async Task Disabled_registration_answers_410_before_reading_the_body()
    {
        await using var host = new Hook0Factory(Database, new Dictionary<string, string?> { ["DISABLE_REGISTRATION"] = "true" });
        var response = await host.CreateClient().PostAsJsonAsync("/api/v1/register", new { first_name = "" });
        await AssertProblemAsync(response, 410, "RegistrationDisabled");
        Assert.That((await JsonAsync(await host.CreateClient().GetAsync("/api/v1/instance")))["registration_disabled"]!.GetValue<bool>(), Is.True);
    }

    [Test]
    public async Task With_auto_verification_a_new_user_logs_in_at_once_and_no_link_is_sent()
    {
        await using var host = new Hook0Factory(Database, new Dictionary<string, string?> { ["AUTO_VERIFY_USERS"] = "true" });
        var accounts = new UserAccounts(host);
        await accounts.RegisterAsync("quick@example.com");
        var session = await accounts.LoginAsync("quick@example.com");
        Assert.That((int)(await host.CreateClient().SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v1/organizations")
        {
            Headers = { Authorization = new("Bearer", session.AccessToken) },
        })).StatusCode, Is.EqualTo(200));
        Assert.That(host.Mailbox.LinksFor("quick@example.com"), Is.Empty);
    }
}
