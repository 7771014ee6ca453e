using System.Net.Http.Json;
using Hook0.Modules.Organizations.Contracts;
using Hook0.Tests.Infrastructure;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Hook0.Tests.Organizations.PortalSessions;

/// <summary>
/// Portal sessions through the API (ADR 0028): minted by a service token or a user with editor rights, exchanged
/// once, and ended by DELETE, by revoking the issuing token, by deleting the application and by expiry, each checked
/// live at the next resume.
/// </summary>
public sealed class PortalSessionTests : ApiTest
{
    private static readonly Dictionary<string, string> Tenant42 = new() { ["tenant_id"] = "42" };

    [Test]
    public async Task A_service_token_mints_a_link_that_opens_once_with_its_scope()
    {
        var (token, _, applicationId) = await ServiceTokenAsync();
        var created = await PostJsonAsync(As(token), "/api/v1/portal_sessions",
            new { application_id = applicationId, labels = Tenant42, event_types = new[] { "billing.invoice.paid" }, read_only = false });
        var sessionId = created["portal_session_id"]!.GetValue<Guid>();
        var url = created["url"]!.GetValue<string>();
        var expiresAt = created["expires_at"]!.GetValue<DateTime>();
        Assert.Multiple(() =>
        {
            Assert.That(url, Does.StartWith($"http://localhost:8080/portal/{applicationId}#token="), "the token travels after '#', never sent to a server");
            Assert.That(expiresAt, Is.EqualTo(DateTime.UtcNow.AddHours(1)).Within(TimeSpan.FromMinutes(1)), "1 h by default");
        });

        var link = LinkToken(url);
        var opened = await SendAsync(new ExchangePortalLinkCommand(applicationId, link));
        Assert.That(opened.Outcome, Is.EqualTo(PortalLinkOutcome.Opened));
        Assert.That((await SendAsync(new ExchangePortalLinkCommand(applicationId, link))).Outcome, Is.EqualTo(PortalLinkOutcome.Used), "a link opens once");

        var scope = await SendAsync(new ResumePortalSessionQuery(applicationId, opened.Secret!));
        Assert.That(scope, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(scope!.PortalSessionId, Is.EqualTo(sessionId));
            Assert.That(scope.Labels, Is.EquivalentTo(Tenant42));
            Assert.That(scope.EventTypes, Is.EqualTo(new[] { "billing.invoice.paid" }));
            Assert.That(scope.ReadOnly, Is.False);
            Assert.That(scope.ExpiresAt, Is.EqualTo(expiresAt).Within(TimeSpan.FromSeconds(1)));
        });
        Assert.That(await SendAsync(new ResumePortalSessionQuery(Guid.NewGuid(), opened.Secret!)), Is.Null, "the secret opens its own application's portal only");

        // The portal token is no API credential: it is not in iam.token, so the bearer resolvers refuse it.
        await AssertProblemAsync(await As(link).GetAsync($"/api/v1/subscriptions?application_id={applicationId}"), 403, "AuthInvalidBiscuit");

        Assert.That((int)(await As(token).DeleteAsync($"/api/v1/portal_sessions/{sessionId}")).StatusCode, Is.EqualTo(204));
        Assert.That(await SendAsync(new ResumePortalSessionQuery(applicationId, opened.Secret!)), Is.Null, "DELETE ends the session at once");
        await AssertProblemAsync(await As(token).DeleteAsync($"/api/v1/portal_sessions/{sessionId}"), 404, "NotFound");
    }

    [Test]
    public async Task Revoking_the_issuing_token_ends_every_session_it_issued()
    {
        var (token, organizationId, applicationId) = await ServiceTokenAsync();
        var (_, secret) = await OpenAsync(token, applicationId);
        var tokenId = await Database.ScalarAsync<Guid>("SELECT token_id FROM iam.token WHERE type = 'service_access'");

        Assert.That(await SendAsync(new ResumePortalSessionQuery(applicationId, secret)), Is.Not.Null);
        Assert.That((int)(await Master().DeleteAsync($"/api/v1/service_token/{tokenId}?organization_id={organizationId}")).StatusCode, Is.EqualTo(204));
        Assert.That(await SendAsync(new ResumePortalSessionQuery(applicationId, secret)), Is.Null);
    }

    [Test]
    public async Task Deleting_the_application_ends_its_sessions_and_an_unused_link_no_longer_opens()
    {
        var (token, _, applicationId) = await ServiceTokenAsync();
        var (_, secret) = await OpenAsync(token, applicationId);
        var unused = LinkToken((await PostJsonAsync(As(token), "/api/v1/portal_sessions", new { application_id = applicationId, labels = Tenant42 }))["url"]!.GetValue<string>());

        Assert.That((int)(await As(token).DeleteAsync($"/api/v1/applications/{applicationId}")).StatusCode, Is.EqualTo(204));
        Assert.That(await SendAsync(new ResumePortalSessionQuery(applicationId, secret)), Is.Null);
        Assert.That((await SendAsync(new ExchangePortalLinkCommand(applicationId, unused))).Outcome, Is.EqualTo(PortalLinkOutcome.Ended));
    }

    [Test]
    public async Task An_expired_session_no_longer_resumes_and_its_link_no_longer_opens()
    {
        var (token, _, applicationId) = await ServiceTokenAsync();
        var (sessionId, secret) = await OpenAsync(token, applicationId);
        var unused = LinkToken((await PostJsonAsync(As(token), "/api/v1/portal_sessions", new { application_id = applicationId, labels = Tenant42, lifetime_in_s = 60 }))["url"]!.GetValue<string>());

        await Database.ExecuteAsync($"UPDATE iam.portal_session SET expires_at = now() - interval '1 second'");
        Assert.That(await SendAsync(new ResumePortalSessionQuery(applicationId, secret)), Is.Null, sessionId.ToString());
        Assert.That((await SendAsync(new ExchangePortalLinkCommand(applicationId, unused))).Outcome, Is.EqualTo(PortalLinkOutcome.Ended));
    }

    [Test]
    public async Task Housekeeping_removes_portal_sessions_expired_past_the_grace_period_only()
    {
        var (token, _, applicationId) = await ServiceTokenAsync();
        var (old, _) = await OpenAsync(token, applicationId);
        var (recent, _) = await OpenAsync(token, applicationId);
        var (live, _) = await OpenAsync(token, applicationId);
        await Database.ExecuteAsync($"UPDATE iam.portal_session SET expires_at = now() - interval '8 days' WHERE portal_session_id = '{old}'");
        await Database.ExecuteAsync($"UPDATE iam.portal_session SET expires_at = now() - interval '6 days' WHERE portal_session_id = '{recent}'");
        await using var host = new Hook0Factory(Database, new Dictionary<string, string?>
        {
            ["HOUSEKEEPING_ENABLED"] = "false", ["NO_AUTO_DB_MIGRATION"] = "true", ["EXPIRED_TOKENS_CLEANUP_REPORT_AND_DELETE"] = "true",
        });

        var results = await host.Services.GetRequiredService<Hook0.Modules.Kernel.Housekeeping.HousekeepingRunner>().RunDueJobsAsync(true, CancellationToken.None);

        Assert.That(results["expired portal sessions"], Is.EqualTo(1));
        var left = await Database.ScalarAsync<Guid[]>("SELECT array_agg(portal_session_id) FROM iam.portal_session");
        Assert.That(left, Is.EquivalentTo(new[] { recent, live }), "within the 7-day grace period and live sessions stay");
    }

    [Test]
    public async Task A_tampered_link_or_another_applications_link_opens_nothing()
    {
        var (token, organizationId, applicationId) = await ServiceTokenAsync();
        var other = await new Scenario(Master()).ApplicationAsync(organizationId, "Other");
        var link = LinkToken((await PostJsonAsync(As(token), "/api/v1/portal_sessions", new { application_id = applicationId, labels = Tenant42 }))["url"]!.GetValue<string>());
        var tampered = link[..^6] + (link[^6] == 'A' ? 'B' : 'A') + link[^5..];

        Assert.Multiple(async () =>
        {
            Assert.That((await SendAsync(new ExchangePortalLinkCommand(applicationId, tampered))).Outcome, Is.EqualTo(PortalLinkOutcome.Invalid));
            Assert.That((await SendAsync(new ExchangePortalLinkCommand(applicationId, "not a token"))).Outcome, Is.EqualTo(PortalLinkOutcome.Invalid));
            Assert.That((await SendAsync(new ExchangePortalLinkCommand(other, link))).Outcome, Is.EqualTo(PortalLinkOutcome.OtherApplication));
            // A service token is a valid Biscuit of this instance, but not a portal token.
            Assert.That((await SendAsync(new ExchangePortalLinkCommand(applicationId, token))).Outcome, Is.EqualTo(PortalLinkOutcome.Invalid));
        });
        Assert.That((await SendAsync(new ExchangePortalLinkCommand(applicationId, link))).Outcome, Is.EqualTo(PortalLinkOutcome.Opened), "none of those spent the link");
    }

    [Test]
    public async Task A_user_session_issues_links_and_signing_out_ends_them()
    {
        var accounts = new UserAccounts(ApiFixture.Factory);
        var (session, organizationId) = await accounts.UserAsync("producer@example.com");
        var applicationId = await new Scenario(As(session.AccessToken)).ApplicationAsync(organizationId);
        var (_, secret) = await OpenAsync(session.AccessToken, applicationId);
        Assert.That(await SendAsync(new ResumePortalSessionQuery(applicationId, secret)), Is.Not.Null);

        Assert.That((int)(await As(session.AccessToken).PostAsync("/api/v1/auth/logout", null)).StatusCode, Is.LessThan(300));
        Assert.That(await SendAsync(new ResumePortalSessionQuery(applicationId, secret)), Is.Null);
    }

    [Test]
    public async Task Only_editors_with_a_revocable_credential_mint_links_and_bad_input_is_refused()
    {
        var (token, organizationId, applicationId) = await ServiceTokenAsync();
        var secret = await new Scenario(Master()).SecretAsync(applicationId);

        await AssertProblemAsync(await Master().PostAsJsonAsync("/api/v1/portal_sessions", new { application_id = applicationId, labels = Tenant42 }), 403, "Forbidden");
        await AssertProblemAsync(await As(secret).PostAsJsonAsync("/api/v1/portal_sessions", new { application_id = applicationId, labels = Tenant42 }), 403, "Forbidden");
        await AssertProblemAsync(await As(token).PostAsJsonAsync("/api/v1/portal_sessions", new { application_id = Guid.NewGuid(), labels = Tenant42 }), 403, "Forbidden");

        var tooLong = await AssertProblemAsync(await As(token).PostAsJsonAsync("/api/v1/portal_sessions",
            new { application_id = applicationId, labels = Tenant42, lifetime_in_s = 8 * 86_400 }), 422, "Validation");
        Assert.That(tooLong["validation"]!.ToJsonString(), Does.Contain("lifetime_in_s"));
        var noLabels = await AssertProblemAsync(await As(token).PostAsJsonAsync("/api/v1/portal_sessions", new { application_id = applicationId }), 422, "Validation");
        Assert.That(noLabels["validation"]!.ToJsonString(), Does.Contain("labels"));
        await AssertProblemAsync(await As(token).PostAsync("/api/v1/portal_sessions", RawJson("{\"application_id\": 3}")), 400, "JsonPayload");
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM iam.portal_session"), Is.Zero, "refusals change nothing");

        // A viewer may read the application but not hand out access to it.
        var accounts = new UserAccounts(ApiFixture.Factory);
        var (viewer, _) = await accounts.UserAsync("viewer@example.com");
        await PostJsonAsync(Master(), $"/api/v1/organizations/{organizationId}/invite", new { email = "viewer@example.com", role = "viewer" }, 200);
        await accounts.AcceptInvitationsAsync(viewer);
        var refreshed = await accounts.LoginAsync("viewer@example.com");
        await AssertProblemAsync(await As(refreshed.AccessToken).PostAsJsonAsync("/api/v1/portal_sessions", new { application_id = applicationId, labels = Tenant42 }), 403, "Forbidden");
    }

    [Test]
    public async Task Portal_settings_are_validated_and_replaced_whole()
    {
        var (token, _, applicationId) = await ServiceTokenAsync();
        var url = $"/api/v1/applications/{applicationId}/portal_settings";
        var defaults = await JsonAsync(await As(token).GetAsync(url));
        Assert.That(defaults["allowed_origins"]!.AsArray(), Is.Empty);
        Assert.That(defaults["theme"]!.GetValue<string>(), Is.EqualTo("light"));

        var bad = await AssertProblemAsync(await As(token).PutAsJsonAsync(url, new
        {
            allowed_origins = new[] { "https://app.example.com/path", "*" },
            accent_color = "blue",
            theme = "sepia",
            logo_url = "javascript:alert(1)",
        }), 422, "Validation");
        Assert.That(bad["validation"]!.ToJsonString(), Does.Contain("allowed_origins").And.Contain("accent_color").And.Contain("theme").And.Contain("logo_url"));

        var saved = await JsonAsync(await As(token).PutAsJsonAsync(url, new
        {
            allowed_origins = new[] { "https://App.Example.com", "http://localhost:5173" },
            display_name = "Acme webhooks",
            accent_color = "#3F51B5",
            theme = "dark",
        }));
        Assert.Multiple(() =>
        {
            Assert.That(saved["allowed_origins"]!.AsArray().Select(o => o!.GetValue<string>()), Is.EqualTo(new[] { "https://app.example.com", "http://localhost:5173" }));
            Assert.That(saved["accent_color"]!.GetValue<string>(), Is.EqualTo("#3f51b5"));
            Assert.That(saved["display_name"]!.GetValue<string>(), Is.EqualTo("Acme webhooks"));
        });
    }

    [Test]
    public async Task The_portal_is_framed_only_by_the_allowed_origins_and_sends_no_referrer()
    {
        var (token, _, applicationId) = await ServiceTokenAsync();
        await As(token).PutAsJsonAsync($"/api/v1/applications/{applicationId}/portal_settings", new { allowed_origins = new[] { "http://localhost:5173" }, theme = "light" });

        var portal = await Anonymous().GetAsync($"/portal/{applicationId}");
        Assert.Multiple(() =>
        {
            Assert.That((int)portal.StatusCode, Is.EqualTo(200));
            Assert.That(portal.Headers.GetValues("Content-Security-Policy"), Is.EqualTo(new[] { "frame-ancestors 'self' http://localhost:5173" }));
            Assert.That(portal.Headers.Contains("X-Frame-Options"), Is.False, "X-Frame-Options would forbid every frame");
            Assert.That(portal.Headers.GetValues("Referrer-Policy"), Is.EqualTo(new[] { "no-referrer" }));
        });

        var unknown = await Anonymous().GetAsync($"/portal/{Guid.NewGuid()}");
        Assert.That(unknown.Headers.GetValues("Content-Security-Policy"), Is.EqualTo(new[] { "frame-ancestors 'self'" }), "no settings: nobody else may frame it");
        var dashboard = await Anonymous().GetAsync("/login");
        Assert.Multiple(() =>
        {
            Assert.That(dashboard.Headers.GetValues("X-Frame-Options"), Is.EqualTo(new[] { "DENY" }), "the rest of the host is unchanged");
            Assert.That(dashboard.Headers.GetValues("Referrer-Policy"), Is.EqualTo(new[] { "strict-origin-when-cross-origin" }));
        });
    }

    internal static string LinkToken(string url) => Uri.UnescapeDataString(url[(url.IndexOf("#token=", StringComparison.Ordinal) + 7)..]);

    internal static async Task<T> SendAsync<T>(IQuery<T> query)
    {
        using var scope = ApiFixture.Factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(query);
    }

    internal static async Task<T> SendAsync<T>(ICommand<T> command)
    {
        using var scope = ApiFixture.Factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
    }

    private static async Task<(Guid SessionId, string Secret)> OpenAsync(string token, Guid applicationId)
    {
        var created = await PostJsonAsync(As(token), "/api/v1/portal_sessions", new { application_id = applicationId, labels = Tenant42 });
        var opened = await SendAsync(new ExchangePortalLinkCommand(applicationId, LinkToken(created["url"]!.GetValue<string>())));
        Assert.That(opened.Outcome, Is.EqualTo(PortalLinkOutcome.Opened));
        return (created["portal_session_id"]!.GetValue<Guid>(), opened.Secret!);
    }

    private static async Task<(string Token, Guid OrganizationId, Guid ApplicationId)> ServiceTokenAsync()
    {
        var scenario = new Scenario(Master());
        var organizationId = await scenario.OrganizationAsync();
        var applicationId = await scenario.ApplicationAsync(organizationId);
        var created = await PostJsonAsync(Master(), "/api/v1/service_token", new { organization_id = organizationId, name = "backend" });
        return (created["biscuit"]!.GetValue<string>(), organizationId, applicationId);
    }
}
