using System.Net.Http.Json;
using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.Organizations.Accounts;

/// <summary>Registration, verification, login, refresh and logout, through the REST API as the dashboard uses it.</summary>
public sealed class AccountFlowTests : ApiTest
{
    private static UserAccounts Accounts => new(ApiFixture.Factory);

    [Test]
    public async Task A_new_user_verifies_logs_in_creates_an_organization_and_sees_it_after_refresh()
    {
        var registration = await Accounts.RegisterAsync("ada@example.com");
        var personal = registration["organization_id"]!.GetValue<Guid>();

        var unverified = await Anonymous().PostAsJsonAsync("/api/v1/auth/login", new { email = "ada@example.com", password = UserAccounts.Password });
        await AssertProblemAsync(unverified, 401, "AuthEmailNotVerified");

        var session = await Accounts.VerifyAsync("ada@example.com");
        Assert.That(session.UserId, Is.EqualTo(registration["user_id"]!.GetValue<Guid>()));

        var organizations = await JsonAsync(await As(session.AccessToken).GetAsync("/api/v1/organizations"));
        Assert.That(organizations.AsArray(), Has.Count.EqualTo(1));
        Assert.Multiple(() =>
        {
            Assert.That(organizations[0]!["organization_id"]!.GetValue<Guid>(), Is.EqualTo(personal));
            Assert.That(organizations[0]!["role"]!.GetValue<string>(), Is.EqualTo("editor"));
            Assert.That(organizations[0]!["name"]!.GetValue<string>(), Is.EqualTo("Ada Lovelace's personal organization"));
        });

        var created = await As(session.AccessToken).PostAsJsonAsync("/api/v1/organizations", new { name = "Analytical Engines" });
        Assert.That((int)created.StatusCode, Is.EqualTo(200), "upstream answers 200 here");
        var organizationId = (await JsonAsync(created))["organization_id"]!.GetValue<Guid>();

        // The access token carries the roles it was issued with: the new organization needs a refresh.
        await AssertProblemAsync(await As(session.AccessToken).GetAsync($"/api/v1/organizations/{organizationId}"), 403, "Forbidden");
        var refreshed = await RefreshAsync(session.RefreshToken);
        var info = await JsonAsync(await As(refreshed["access_token"]!.GetValue<string>()).GetAsync($"/api/v1/organizations/{organizationId}"));
        Assert.That(info["users"]![0]!["email"]!.GetValue<string>(), Is.EqualTo("ada@example.com"));
    }

    [Test]
    public async Task Login_answers_upstreams_session_shape()
    {
        await Accounts.UserAsync("grace@example.com", "Grace", "Hopper");
        var response = await Anonymous().PostAsJsonAsync("/api/v1/auth/login", new { email = "GRACE@example.com", password = UserAccounts.Password });
        Assert.That((int)response.StatusCode, Is.EqualTo(201));
        var body = await JsonAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That(body["email"]!.GetValue<string>(), Is.EqualTo("grace@example.com"));
            Assert.That(body["first_name"]!.GetValue<string>(), Is.EqualTo("Grace"));
            Assert.That(body["last_name"]!.GetValue<string>(), Is.EqualTo("Hopper"));
            var accessExpiry = body["access_token_expiration"]!.GetValue<DateTime>();
            var refreshExpiry = body["refresh_token_expiration"]!.GetValue<DateTime>();
            Assert.That(accessExpiry - DateTime.UtcNow, Is.InRange(TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5.1)));
            Assert.That(refreshExpiry - DateTime.UtcNow, Is.InRange(TimeSpan.FromMinutes(29), TimeSpan.FromMinutes(30.1)));
        });
    }

    [Test]
    public async Task Wrong_passwords_and_unknown_addresses_get_the_same_refusal()
    {
        await Accounts.UserAsync("alan@example.com", "Alan", "Turing");
        await AssertProblemAsync(await Anonymous().PostAsJsonAsync("/api/v1/auth/login", new { email = "alan@example.com", password = "not-the-password-1" }), 401, "AuthFailedLogin");
        await AssertProblemAsync(await Anonymous().PostAsJsonAsync("/api/v1/auth/login", new { email = "nobody@example.com", password = UserAccounts.Password }), 401, "AuthFailedLogin");
    }

    [Test]
    public async Task A_refresh_token_works_once()
    {
        var (session, _) = await Accounts.UserAsync("edsger@example.com", "Edsger", "Dijkstra");
        var first = await RefreshAsync(session.RefreshToken);
        using var reused = Anonymous();
        reused.DefaultRequestHeaders.Authorization = new("Bearer", session.RefreshToken);
        await AssertProblemAsync(await reused.PostAsync("/api/v1/auth/refresh", null), 401, "AuthFailedRefresh");

        // The new pair works, and the refreshed access token is a real one.
        var next = await RefreshAsync(first["refresh_token"]!.GetValue<string>());
        Assert.That((int)(await As(next["access_token"]!.GetValue<string>()).GetAsync("/api/v1/organizations")).StatusCode, Is.EqualTo(200));
    }

    [Test]
    public async Task Concurrent_refreshes_with_one_token_yield_one_session()
    {
        var (session, _) = await Accounts.UserAsync("barbara@example.com", "Barbara", "Liskov");
        var attempts = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using var client = Anonymous();
            client.DefaultRequestHeaders.Authorization = new("Bearer", session.RefreshToken);
            return (int)(await client.PostAsync("/api/v1/auth/refresh", null)).StatusCode;
        }));
        Assert.That(attempts.Count(s => s == 201), Is.EqualTo(1), string.Join(",", attempts));
        Assert.That(attempts.Where(s => s != 201), Is.All.EqualTo(401));
    }

    [Test]
    public async Task An_access_token_is_no_refresh_token_and_garbage_is_refused()
    {
        var (session, _) = await Accounts.UserAsync("ken@example.com", "Ken", "Thompson");
        foreach (var bearer in new[] { session.AccessToken, "not-a-token", string.Empty })
        {
            using var client = Anonymous();
            if (bearer.Length > 0)
            {
                client.DefaultRequestHeaders.Authorization = new("Bearer", bearer);
            }

            await AssertProblemAsync(await client.PostAsync("/api/v1/auth/refresh", null), 401, "AuthFailedRefresh");
        }

        // And a refresh token is no access token.
        await AssertProblemAsync(await As(session.RefreshToken).GetAsync("/api/v1/organizations"), 403, "Forbidden");
    }

    [Test]
    public async Task Logout_ends_the_session_at_once()
    {
        var (session, _) = await Accounts.UserAsync("dennis@example.com", "Dennis", "Ritchie");
        var other = await Accounts.LoginAsync("dennis@example.com");
        Assert.That((int)(await As(session.AccessToken).GetAsync("/api/v1/organizations")).StatusCode, Is.EqualTo(200));

        Assert.That((int)(await As(session.AccessToken).PostAsync("/api/v1/auth/logout", null)).StatusCode, Is.EqualTo(204));

        await AssertProblemAsync(await As(session.AccessToken).GetAsync("/api/v1/organizations"), 403, "AuthInvalidBiscuit");
        using var refresh = Anonymous();
        refresh.DefaultRequestHeaders.Authorization = new("Bearer", session.RefreshToken);
        await AssertProblemAsync(await refresh.PostAsync("/api/v1/auth/refresh", null), 401, "AuthFailedRefresh");
        // Another session of the same user is untouched.
        Assert.That((int)(await As(other.AccessToken).GetAsync("/api/v1/organizations")).StatusCode, Is.EqualTo(200));
    }

    [Test]
    public async Task Service_tokens_and_the_master_key_cannot_use_session_only_actions()
    {
        var (session, organizationId) = await Accounts.UserAsync("john@example.com", "John", "Backus");
        var token = (await PostJsonAsync(As(session.AccessToken), "/api/v1/service_token", new { organization_id = organizationId, name = "ci" }))["biscuit"]!.GetValue<string>();
        await AssertProblemAsync(await As(token).PostAsJsonAsync("/api/v1/organizations", new { name = "Sneaky" }), 403, "Forbidden");
        await AssertProblemAsync(await As(token).PostAsync("/api/v1/auth/logout", null), 403, "Forbidden");
        await AssertProblemAsync(await Master().PostAsJsonAsync("/api/v1/auth/password", new { new_password = "Some-Long-Passphrase-77" }), 403, "Forbidden");
    }

    private static async Task<System.Text.Json.Nodes.JsonNode> RefreshAsync(string refreshToken)
    {
        using var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new("Bearer", refreshToken);
        var response = await client.PostAsync("/api/v1/auth/refresh", null);
        Assert.That((int)response.StatusCode, Is.EqualTo(201), await response.Content.ReadAsStringAsync());
        return await JsonAsync(response);
    }
}
