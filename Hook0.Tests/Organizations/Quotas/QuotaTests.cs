using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.Organizations.Quotas;

/// <summary>
/// Quotas when enforced: refused with upstream's 429 ids naming the limit, never overshot by
/// concurrent requests (unlike upstream), with plan and per-application overrides.
/// </summary>
public sealed class QuotaTests : ApiTest
{
    private static readonly Dictionary<string, string?> Limits = new()
    {
        ["ENABLE_QUOTA_ENFORCEMENT"] = "true",
        ["QUOTA_GLOBAL_MEMBERS_PER_ORGANIZATION_LIMIT"] = "1",
        ["QUOTA_GLOBAL_APPLICATIONS_PER_ORGANIZATION_LIMIT"] = "3",
        ["QUOTA_GLOBAL_SUBSCRIPTIONS_PER_APPLICATION_LIMIT"] = "2",
        ["QUOTA_GLOBAL_EVENT_TYPES_PER_APPLICATION_LIMIT"] = "2",
        ["QUOTA_GLOBAL_EVENTS_PER_DAY_LIMIT"] = "100",
    };

    private Hook0Factory _host = null!;

    [SetUp]
    public void StartHost() => _host = new Hook0Factory(Database, Limits);

    [TearDown]
    public async Task StopHostAsync() => await _host.DisposeAsync();

    private HttpClient HostMaster()
    {
        var client = _host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", Hook0Factory.MasterKey);
        return client;
    }

    [Test]
    public async Task Concurrent_application_creates_never_exceed_the_limit()
    {
        var organizationId = await new Scenario(HostMaster()).OrganizationAsync();
        var statuses = await Task.WhenAll(Enumerable.Range(0, 12).Select(async i =>
        {
            var response = await HostMaster().PostAsJsonAsync("/api/v1/applications", new { organization_id = organizationId, name = $"App {i}" });
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }));

        Assert.That(statuses.Count(s => s.Item1 == 201), Is.EqualTo(3));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM iam.application WHERE NOT is_system"), Is.EqualTo(3));
        var refusal = JsonNode.Parse(statuses.First(s => s.Item1 != 201).Item2)!;
        Assert.Multiple(() =>
        {
            Assert.That(statuses.Where(s => s.Item1 != 201).Select(s => s.Item1), Is.All.EqualTo(429));
            Assert.That(refusal["id"]!.GetValue<string>(), Is.EqualTo("TooManyApplicationsPerOrganization"));
            Assert.That(refusal["detail"]!.GetValue<string>(), Does.Contain("3"));
        });
    }

    [Test]
    public async Task Concurrent_subscription_creates_never_exceed_the_limit()
    {
        var tenant = await new Scenario(HostMaster()).TenantAsync();
        var statuses = await Task.WhenAll(Enumerable.Range(0, 10).Select(async _ =>
            (int)(await HostMaster().PostAsJsonAsync("/api/v1/subscriptions", Subscription(tenant))).StatusCode));

        Assert.That(statuses.Count(s => s == 201), Is.EqualTo(2), string.Join(",", statuses));
        Assert.That(statuses.Where(s => s != 201), Is.All.EqualTo(429));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM webhook.subscription"), Is.EqualTo(2));
    }

    [Test]
    public async Task Event_types_count_when_they_become_active_and_updating_one_is_free()
    {
        var tenant = await new Scenario(HostMaster()).TenantAsync(); // one event type already
        var client = HostMaster();
        Assert.That((int)(await client.PostAsJsonAsync("/api/v1/event_types", Type(tenant.ApplicationId, "second"))).StatusCode, Is.EqualTo(201));
        await AssertProblemAsync(await client.PostAsJsonAsync("/api/v1/event_types", Type(tenant.ApplicationId, "third")), 429, "TooManyEventTypesPerApplication");
        Assert.That((int)(await client.PostAsJsonAsync("/api/v1/event_types", Type(tenant.ApplicationId, "second"))).StatusCode, Is.EqualTo(201), "re-creating an active type is an update");

        // Deactivating one makes room again.
        Assert.That((int)(await client.DeleteAsync($"/api/v1/event_types/billing.second.paid?application_id={tenant.ApplicationId}")).StatusCode, Is.EqualTo(204));
        Assert.That((int)(await client.PostAsJsonAsync("/api/v1/event_types", Type(tenant.ApplicationId, "third"))).StatusCode, Is.EqualTo(201));
    }

    [Test]
    public async Task The_members_quota_refuses_invites_and_the_organization_reports_it()
    {
        var accounts = new UserAccounts(_host);
        var (session, organizationId) = await accounts.UserAsync("owner@example.com");
        await accounts.RegisterAsync("guest@example.com", "Gus", "Guest");
        var owner = _host.CreateClient();
        owner.DefaultRequestHeaders.Authorization = new("Bearer", session.AccessToken);

        var refusal = await owner.PostAsJsonAsync($"/api/v1/organizations/{organizationId}/invite", new { email = "guest@example.com", role = "viewer" });
        await AssertProblemAsync(refusal, 429, "TooManyMembersPerOrganization");
        var info = await JsonAsync(await owner.GetAsync($"/api/v1/organizations/{organizationId}"));
        Assert.Multiple(() =>
        {
            Assert.That(info["quotas"]!["members_per_organization_limit"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That(info["quotas"]!["applications_per_organization_limit"]!.GetValue<int>(), Is.EqualTo(3));
            Assert.That(info["consumption"]!["members"]!.GetValue<long>(), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_plan_raises_limits_and_an_application_override_lowers_its_own()
    {
        var client = HostMaster();
        var tenant = await new Scenario(client).TenantAsync();
        await Database.ExecuteAsync($"""
            INSERT INTO iam.plan (plan_id, name, label, applications_per_organization_limit, events_per_day_limit, created_at)
            VALUES ('{Guid.NewGuid()}', 'pro', 'Pro', 50, 10000, now());
            UPDATE iam.organization SET plan_id = (SELECT plan_id FROM iam.plan WHERE name = 'pro') WHERE organization_id = '{tenant.OrganizationId}';
            UPDATE iam.application SET events_per_day_limit = 0 WHERE application_id = '{tenant.ApplicationId}';
            """);

        var organization = await JsonAsync(await client.GetAsync($"/api/v1/organizations/{tenant.OrganizationId}"));
        Assert.Multiple(() =>
        {
            Assert.That(organization["plan"]!["name"]!.GetValue<string>(), Is.EqualTo("pro"));
            Assert.That(organization["plan"]!["label"]!.GetValue<string>(), Is.EqualTo("Pro"));
            Assert.That(organization["quotas"]!["applications_per_organization_limit"]!.GetValue<int>(), Is.EqualTo(50));
            Assert.That(organization["quotas"]!["events_per_day_limit"]!.GetValue<int>(), Is.EqualTo(10000));
        });
        var application = await JsonAsync(await client.GetAsync($"/api/v1/applications/{tenant.ApplicationId}"));
        Assert.That(application["quotas"]!["events_per_day_limit"]!.GetValue<int>(), Is.Zero);

        // Zero events a day for this application: the first event is refused and nothing is stored.
        var refusal = await client.PostAsJsonAsync("/api/v1/event", Scenario.Event(tenant.ApplicationId, tenant.EventType));
        var problem = await AssertProblemAsync(refusal, 429, "TooManyEventsToday");
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("0"));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM event.event"), Is.Zero);
    }

    [Test]
    public async Task Without_enforcement_limits_read_as_unlimited_and_nothing_is_refused()
    {
        var tenant = await new Scenario(Master()).TenantAsync();
        for (var i = 0; i < 3; i++)
        {
            Assert.That((int)(await Master().PostAsJsonAsync("/api/v1/subscriptions", Subscription(tenant))).StatusCode, Is.EqualTo(201));
        }

        var organization = await JsonAsync(await Master().GetAsync($"/api/v1/organizations/{tenant.OrganizationId}"));
        Assert.That(organization["quotas"]!["members_per_organization_limit"]!.GetValue<int>(), Is.EqualTo(int.MaxValue));
    }

    private static object Type(Guid applicationId, string resource) => new { application_id = applicationId, service = "billing", resource_type = resource, verb = "paid" };

    private static object Subscription(Tenant tenant) => new
    {
        application_id = tenant.ApplicationId,
        is_enabled = true,
        event_types = new[] { tenant.EventType },
        labels = new Dictionary<string, string> { ["env"] = "test" },
        target = new { type = "http", method = "POST", url = "https://example.com/hook", headers = new Dictionary<string, string>() },
    };
}
