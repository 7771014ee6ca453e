using System.Net.Http.Json;
using Hook0.Tests.Infrastructure;
using static Hook0.Tests.Kernel.Audit.AuditLogAssertions;

namespace Hook0.Tests.Kernel.Audit;

/// <summary>
/// Issue #28 item 1: every management action class leaves one audit record, in the change's transaction, naming the
/// actor, the channel, the entity and a diff whose secret-bearing fields are masked.
/// </summary>
public sealed class ManagementActionsAuditTests : ApiTest
{
    private const string HeaderSecret = "Bearer header-secret-4242";

    private static UserAccounts Accounts => new(ApiFixture.Factory);

    [Test]
    public async Task A_subscription_lifecycle_is_recorded_with_masked_secrets()
    {
        var tenant = await new Scenario(Master()).TenantAsync();
        var created = await PostJsonAsync(Master(), "/api/v1/subscriptions", new
        {
            application_id = tenant.ApplicationId,
            is_enabled = true,
            event_types = new[] { tenant.EventType },
            labels = new Dictionary<string, string> { ["env"] = "prod" },
            target = new { type = "http", method = "POST", url = "https://example.com/hook", headers = new Dictionary<string, string> { ["Authorization"] = HeaderSecret } },
        });
        var id = created["subscription_id"]!.GetValue<Guid>();
        var edited = await Master().PutAsJsonAsync($"/api/v1/subscriptions/{id}", new
        {
            application_id = tenant.ApplicationId,
            is_enabled = false,
            event_types = new[] { tenant.EventType },
            labels = new Dictionary<string, string> { ["env"] = "prod" },
            description = "renamed",
            target = new { type = "http", method = "POST", url = "https://example.com/other", headers = new Dictionary<string, string> { ["Authorization"] = HeaderSecret + "-2" } },
        });
        Assert.That((int)edited.StatusCode, Is.EqualTo(200), await edited.Content.ReadAsStringAsync());
        await PostJsonAsync(Master(), $"/api/v1/subscriptions/{id}/pause", new { application_id = tenant.ApplicationId }, 200);
        await PostJsonAsync(Master(), $"/api/v1/subscriptions/{id}/resume", new { application_id = tenant.ApplicationId }, 200);
        await PostJsonAsync(Master(), $"/api/v1/subscriptions/{id}/secret/rotate", new { application_id = tenant.ApplicationId }, 200);
        Assert.That((int)(await Master().DeleteAsync($"/api/v1/subscriptions/{id}?application_id={tenant.ApplicationId}")).StatusCode, Is.EqualTo(204));

        var records = await AuditAsync(Master(), tenant.OrganizationId, "?entity_type=subscription");
        var text = records.ToJsonString();
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Not.Contain("header-secret-4242"), "header values never reach the log");
            Assert.That(text, Does.Not.Contain(created["secret"]!.GetValue<string>()), "nor the signing secret");
            foreach (var action in new[] { "create", "update", "pause", "resume", "rotate", "delete" })
            {
                var record = One(records, "subscription", action, id);
                Assert.That(record["actor_kind"]!.GetValue<string>(), Is.EqualTo("master_key"), action);
                Assert.That(record["channel"]!.GetValue<string>(), Is.EqualTo("rest"), action);
                Assert.That(record["organization_id"]!.GetValue<Guid>(), Is.EqualTo(tenant.OrganizationId), action);
                Assert.That(record["request_id"]!.GetValue<string>(), Is.Not.Empty, action);
            }

            var create = One(records, "subscription", "create", id);
            Assert.That(Diff(create, "subscription.target_url", "to"), Is.EqualTo("\"https://example.com/hook\""));
            Assert.That(Diff(create, "subscription.target_headers", "to"), Is.EqualTo("\"***\""), "headers carry credentials: masked");
            Assert.That(Diff(create, "subscription_secret.protected_value", "to"), Is.EqualTo("\"***\""));

            var update = One(records, "subscription", "update", id);
            Assert.That(Diff(update, "subscription.target_url", "from"), Is.EqualTo("\"https://example.com/hook\""));
            Assert.That(Diff(update, "subscription.target_url", "to"), Is.EqualTo("\"https://example.com/other\""));
            Assert.That(Diff(update, "subscription.description", "to"), Is.EqualTo("\"renamed\""));
            Assert.That(Diff(update, "subscription.is_enabled", "to"), Is.EqualTo("false"), "the switch made by the lifecycle's SQL is in the diff too");
            Assert.That(Diff(update, "subscription.target_headers", "from"), Is.EqualTo("\"***\""));

            Assert.That(Diff(One(records, "subscription", "pause", id), "subscription.is_paused", "to"), Is.EqualTo("true"));
            Assert.That(Diff(One(records, "subscription", "resume", id), "subscription.is_paused", "to"), Is.EqualTo("false"));
            Assert.That(Diff(One(records, "subscription", "rotate", id), "subscription_secret.protected_value", "to"), Is.EqualTo("\"***\""));
            Assert.That(Count(records, "subscription", "reveal_secret"), Is.GreaterThanOrEqualTo(1), "answers showing the signing secret are recorded");
        });
    }

    [Test]
    public async Task Applications_secrets_tokens_and_the_organization_are_recorded()
    {
        var scenario = new Scenario(Master());
        var organizationId = await scenario.OrganizationAsync();
        var applicationId = await scenario.ApplicationAsync(organizationId);
        await scenario.PayloadSearchAsync(applicationId, true, "Renamed");
        var secret = await PostJsonAsync(Master(), "/api/v1/application_secrets", new { application_id = applicationId, name = "ci" });
        var token = secret["token"]!.GetValue<string>();
        Assert.That((int)(await Master().PutAsJsonAsync($"/api/v1/application_secrets/{token}", new { application_id = applicationId, name = "ci-2" })).StatusCode, Is.EqualTo(200));
        Assert.That((int)(await Master().DeleteAsync($"/api/v1/application_secrets/{token}?application_id={applicationId}")).StatusCode, Is.EqualTo(204));
        var serviceToken = await PostJsonAsync(Master(), "/api/v1/service_token", new { organization_id = organizationId, name = "deployer" });
        var tokenId = serviceToken["token_id"]!.GetValue<Guid>();
        Assert.That((int)(await Master().PutAsJsonAsync($"/api/v1/service_token/{tokenId}", new { organization_id = organizationId, name = "deployer-2" })).StatusCode, Is.EqualTo(200));
        Assert.That((int)(await Master().DeleteAsync($"/api/v1/service_token/{tokenId}?organization_id={organizationId}")).StatusCode, Is.EqualTo(204));
        Assert.That((int)(await Master().PutAsJsonAsync($"/api/v1/organizations/{organizationId}", new { name = "Acme 2" })).StatusCode, Is.EqualTo(200));
        Assert.That((int)(await Master().DeleteAsync($"/api/v1/applications/{applicationId}")).StatusCode, Is.EqualTo(204));

        var records = await AuditAsync(Master(), organizationId);
        var text = records.ToJsonString();
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Not.Contain(token), "an application secret is named by its hash, never shown");
            Assert.That(text, Does.Not.Contain(serviceToken["biscuit"]!.GetValue<string>()));
            One(records, "organization", "create", organizationId);
            Assert.That(Diff(One(records, "organization", "update", organizationId), "organization.name", "to"), Is.EqualTo("\"Acme 2\""));
            Assert.That(Diff(One(records, "application", "create", applicationId), "application.name", "to"), Is.EqualTo("\"Billing\""));
            var update = One(records, "application", "update", applicationId);
            Assert.That(Diff(update, "application.name", "from"), Is.EqualTo("\"Billing\""));
            Assert.That(Diff(update, "application.payload_search", "to"), Is.EqualTo("true"), "a setting's change");
            One(records, "application", "delete", applicationId);
            Assert.That(Count(records, "application_secret", "create"), Is.EqualTo(1), "the \"ci\" secret; the default one comes with the application's own record");
            Assert.That(Diff(One(records, "application", "create", applicationId), "application_secret.token_hash", "to"), Is.EqualTo("\"***\""));
            var secretId = One(records, "application_secret", "update")["entity_id"]!.GetValue<string>();
            Assert.That(secretId, Does.StartWith("secret:"));
            Assert.That(One(records, "application_secret", "delete")["entity_id"]!.GetValue<string>(), Is.EqualTo(secretId));
            Assert.That(Diff(One(records, "service_token", "issue", tokenId), "token.biscuit", "to"), Is.EqualTo("\"***\""));
            Assert.That(Diff(One(records, "service_token", "update", tokenId), "token.name", "to"), Is.EqualTo("\"deployer-2\""));
            One(records, "service_token", "revoke", tokenId);
        });
    }

    [Test]
    public async Task A_user_session_records_the_user_and_a_cli_user_agent_the_cli_channel()
    {
        var (ada, organizationId) = await Accounts.UserAsync("ada@example.com");
        var client = As(ada.AccessToken);
        client.DefaultRequestHeaders.UserAgent.ParseAdd("hook0-client-dotnet/1.0.0 hook0-cli/1.0.0");
        var applicationId = (await PostJsonAsync(client, "/api/v1/applications", new { organization_id = organizationId, name = "From the CLI" }))["application_id"]!.GetValue<Guid>();
        var plain = As(ada.AccessToken);
        plain.DefaultRequestHeaders.UserAgent.ParseAdd("curl/8.0");
        await PostJsonAsync(plain, "/api/v1/event_types", new { application_id = applicationId, service = "billing", resource_type = "invoice", verb = "paid" });

        var records = await AuditAsync(client, organizationId);
        var application = One(records, "application", "create", applicationId);
        var eventType = One(records, "event_type", "create", "billing.invoice.paid");
        Assert.Multiple(() =>
        {
            Assert.That(application["actor_kind"]!.GetValue<string>(), Is.EqualTo("user"));
            Assert.That(application["actor_id"]!.GetValue<string>(), Is.EqualTo(ada.UserId.ToString()));
            Assert.That(application["channel"]!.GetValue<string>(), Is.EqualTo("cli"));
            Assert.That(application["user_agent"]!.GetValue<string>(), Does.Contain("hook0-cli/1.0.0"));
            Assert.That(eventType["channel"]!.GetValue<string>(), Is.EqualTo("rest"));
            Assert.That(eventType["user_agent"]!.GetValue<string>(), Is.EqualTo("curl/8.0"));
        });
    }

    [Test]
    public async Task Invitations_role_changes_and_removals_are_recorded()
    {
        var (ada, organizationId) = await Accounts.UserAsync("ada@example.com");
        var (grace, _) = await Accounts.UserAsync("grace@example.com", "Grace", "Hopper");
        var owner = As(ada.AccessToken);
        await PostJsonAsync(owner, $"/api/v1/organizations/{organizationId}/invite", new { email = "grace@example.com", role = "viewer" }, 200);
        await Accounts.AcceptInvitationsAsync(grace);
        Assert.That((int)(await owner.PutAsJsonAsync($"/api/v1/organizations/{organizationId}/invite", new { user_id = grace.UserId, role = "editor" })).StatusCode, Is.EqualTo(200));
        var remove = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/organizations/{organizationId}/invite") { Content = JsonContent.Create(new { user_id = grace.UserId }) };
        Assert.That((int)(await owner.SendAsync(remove)).StatusCode, Is.EqualTo(200));
        await PostJsonAsync(owner, $"/api/v1/organizations/{organizationId}/invite", new { email = "nobody@example.com", role = "editor" }, 200);
        var invitations = (await JsonAsync(await owner.GetAsync($"/api/v1/organizations/{organizationId}/invitations"))).AsArray();
        var pending = invitations.Single(i => i!["email"]!.GetValue<string>() == "nobody@example.com")!["invitation_id"]!.GetValue<Guid>();
        Assert.That((int)(await owner.DeleteAsync($"/api/v1/organizations/{organizationId}/invitations/{pending}")).StatusCode, Is.EqualTo(204));

        var records = await AuditAsync(owner, organizationId);
        Assert.Multiple(() =>
        {
            Assert.That(Count(records, "invitation", "invite"), Is.EqualTo(2));
            var role = One(records, "member", "role_change", grace.UserId);
            Assert.That(Diff(role, "membership.role", "from"), Is.EqualTo("\"viewer\""));
            Assert.That(Diff(role, "membership.role", "to"), Is.EqualTo("\"editor\""));
            Assert.That(role["actor_id"]!.GetValue<string>(), Is.EqualTo(ada.UserId.ToString()));
            One(records, "member", "delete", grace.UserId);
            One(records, "invitation", "delete", pending);
        });
    }

    [Test]
    public async Task Event_types_replays_and_retries_are_recorded()
    {
        var scenario = new Scenario(Master());
        var tenant = await scenario.TenantAsync();
        await scenario.SubscriptionAsync(tenant.ApplicationId, [tenant.EventType]);
        var eventId = await scenario.IngestAsync(tenant.ApplicationId, tenant.EventType);
        Assert.That((int)(await Master().PostAsJsonAsync($"/api/v1/events/{eventId}/replay", new { application_id = tenant.ApplicationId })).StatusCode, Is.EqualTo(204));
        var range = new Dictionary<string, object?>
        {
            ["application_id"] = tenant.ApplicationId, ["from"] = DateTime.UtcNow.AddHours(-1), ["to"] = DateTime.UtcNow.AddHours(1), ["dry_run"] = true,
        };
        await Master().PostAsJsonAsync("/api/v1/events/replay", range);
        range["dry_run"] = false;
        Assert.That((int)(await Master().PostAsJsonAsync("/api/v1/events/replay", range)).StatusCode, Is.EqualTo(200));
        await Master().PostAsJsonAsync("/api/v1/dead_letters/retry", new { application_id = tenant.ApplicationId });
        Assert.That((int)(await Master().PostAsJsonAsync("/api/v1/dead_letters/retry", new { application_id = tenant.ApplicationId, dry_run = false })).StatusCode, Is.EqualTo(200));
        Assert.That((int)(await Master().DeleteAsync($"/api/v1/event_types/{tenant.EventType}?application_id={tenant.ApplicationId}")).StatusCode, Is.EqualTo(204));

        var records = await AuditAsync(Master(), tenant.OrganizationId);
        Assert.Multiple(() =>
        {
            One(records, "event_type", "create", tenant.EventType);
            Assert.That(Diff(One(records, "event_type", "delete", tenant.EventType), "event_type.deactivated_at", "to"), Is.Not.Null);
            One(records, "event", "replay", eventId);
            var range = records.Single(r => r!["action"]!.GetValue<string>() == "replay" && r["entity_id"] is null)!;
            Assert.That(range["diff"]!["replayed"]!.GetValue<int>(), Is.EqualTo(1), "one record for the range, with its count; the dry run left none");
            var retry = One(records, "request_attempt", "retry");
            Assert.That(retry["diff"]!["retried"]!.GetValue<int>(), Is.EqualTo(0), "the dry run left none");
        });
    }

    [Test]
    public async Task Portal_sessions_and_portal_settings_are_recorded()
    {
        var tenant = await new Scenario(Master()).TenantAsync();
        var serviceToken = await PostJsonAsync(Master(), "/api/v1/service_token", new { organization_id = tenant.OrganizationId, name = "portal" });
        var client = As(serviceToken["biscuit"]!.GetValue<string>());
        var created = await PostJsonAsync(client, "/api/v1/portal_sessions", new { application_id = tenant.ApplicationId, labels = new Dictionary<string, string> { ["tenant_id"] = "42" } });
        var sessionId = created["portal_session_id"]!.GetValue<Guid>();
        Assert.That((int)(await client.DeleteAsync($"/api/v1/portal_sessions/{sessionId}")).StatusCode, Is.EqualTo(204));
        Assert.That((int)(await client.PutAsJsonAsync($"/api/v1/applications/{tenant.ApplicationId}/portal_settings",
            new { allowed_origins = new[] { "https://app.example.com" }, theme = "dark" })).StatusCode, Is.EqualTo(200));

        var records = await AuditAsync(client, tenant.OrganizationId);
        var link = created["url"]!.GetValue<string>();
        Assert.Multiple(() =>
        {
            Assert.That(records.ToJsonString(), Does.Not.Contain(link[(link.IndexOf('#') + 7)..]), "the session's token is sealed and masked");
            var issue = One(records, "portal_session", "issue", sessionId);
            Assert.That(issue["actor_kind"]!.GetValue<string>(), Is.EqualTo("service_token"));
            Assert.That(issue["actor_id"]!.GetValue<string>(), Does.StartWith("token:"));
            Assert.That(Diff(issue, "portal_session.sealed_token", "to"), Is.EqualTo("\"***\""));
            Assert.That(One(records, "portal_session", "end", sessionId)["actor_kind"]!.GetValue<string>(), Is.EqualTo("service_token"));
            Assert.That(Diff(One(records, "portal_settings", "update", tenant.ApplicationId), "portal_settings.theme", "to"), Is.EqualTo("\"dark\""));
        });
    }
}
