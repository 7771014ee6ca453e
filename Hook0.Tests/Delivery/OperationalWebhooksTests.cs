using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hook0.Modules.Delivery.Health;
using Hook0.Modules.Delivery.OperationalEvents;
using Hook0.Modules.Delivery.Sending.Signing;
using Hook0.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Hook0.Tests.Delivery;

/// <summary>
/// Operational webhooks on real deliveries: an organization subscribes a loopback receiver to its
/// system application, a customer endpoint (another receiver) fails, recovers, gives up or has its
/// secret rotated, and the operational events arrive through the ordinary delivery path, signed, once
/// each. The monitor and the relay are run by hand, as their timers would (the clock is fake).
/// </summary>
[NonParallelizable]
public sealed class OperationalWebhooksTests : ApiTest
{
    private FakeTimeProvider _clock = null!;
    private DeliveryHost _host = null!;
    private WebhookReceiver _customer = null!;
    private WebhookReceiver _operations = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        _host = StartHost();
        _customer = await WebhookReceiver.StartAsync();
        _customer.Respond = (_, ctx) => Status(ctx, 500);
        _operations = await WebhookReceiver.StartAsync();
    }

    [TearDown]
    public async Task StopAsync()
    {
        await _operations.DisposeAsync();
        await _customer.DisposeAsync();
        await _host.DisposeAsync();
    }

    // The relay's own timer is set far off, so the tests decide when it runs (and can "crash" between its steps).
    private DeliveryHost StartHost(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?> { ["OPERATIONAL_EVENTS_RELAY_PERIOD_IN_S"] = "3600" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return new DeliveryHost(all, s => s.AddSingleton<TimeProvider>(_clock));
    }

    private HealthMonitor Monitor => _host.Services.GetRequiredService<HealthMonitor>();

    /// <summary>Runs the monitor until the subscription is in <paramref name="state"/> (a hosted run woken by the clock may hold its lock a moment).</summary>
    private async Task EvaluateUntilAsync(Guid subscriptionId, string state)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        do
        {
            await Monitor.RunOnceAsync(CancellationToken.None);
        }
        while (await Database.ScalarAsync<string>($"SELECT health_state FROM webhook.subscription WHERE subscription_id = '{subscriptionId}'") != state
               && DateTime.UtcNow < deadline && await Pause());
    }

    private async Task<(Tenant Tenant, Guid SubscriptionId)> CustomerAsync(int maxRetries = 20, Tenant? existing = null)
    {
        var tenant = existing ?? await new Scenario(_host.Master()).TenantAsync();
        var subscription = await PostJsonAsync(_host.Master(), "/api/v1/subscriptions", new
        {
            application_id = tenant.ApplicationId, is_enabled = true, event_types = new[] { tenant.EventType },
            labels = new Dictionary<string, string> { ["env"] = "prod" },
            target = new { type = "http", method = "POST", url = _customer.Url(), headers = new Dictionary<string, string>() },
            retry_policy = new { max_retries = maxRetries, schedule = new[] { 1 } },
        });
        return (tenant, subscription["subscription_id"]!.GetValue<Guid>());
    }

    /// <summary>The organization's editor finds its system application and subscribes to every operational event.</summary>
    private async Task<(Guid SystemApplicationId, JsonNode Subscription)> SubscribeOperationsAsync(Guid organizationId)
    {
        var found = await JsonAsync(await _host.Master().GetAsync($"/api/v1/organizations/{organizationId}/operational_webhooks"));
        var systemApplication = found["application_id"]!.GetValue<Guid>();
        var subscription = await PostJsonAsync(_host.Master(), "/api/v1/subscriptions", new
        {
            application_id = systemApplication, is_enabled = true,
            event_types = found["event_types"]!.AsArray().Select(t => t!.GetValue<string>()).ToArray(),
            labels = found["labels"],
            target = new { type = "http", method = "POST", url = _operations.Url("/ops"), headers = new Dictionary<string, string>() },
            retry_policy = new { max_retries = 0, schedule = new[] { 1 } },
        });
        return (systemApplication, subscription);
    }

    /// <summary>Runs the relay until the outbox is empty (a hosted run may hold the lock a moment).</summary>
    private async Task RelayAsync()
    {
        var relay = _host.Services.GetRequiredService<OperationalEventRelay>();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        do
        {
            await relay.RunOnceAsync(CancellationToken.None);
        }
        while (await PendingAsync() > 0 && DateTime.UtcNow < deadline && await Pause());
    }

    private static async Task<bool> Pause()
    {
        await Task.Delay(50);
        return true;
    }

    private static async Task<long> PendingAsync() => await Database.ScalarAsync<long>("SELECT count(*) FROM webhook.operational_event WHERE relayed_at IS NULL");

    /// <summary>Waits until the customer's receiver has answered <paramref name="count"/> calls and the last one is recorded.</summary>
    private async Task CustomerCalledAsync(int count)
    {
        await _customer.WaitForAsync(count, TimeSpan.FromSeconds(15));
        await Eventually.HoldsAsync(async () => await Database.ScalarAsync<long>(
            "SELECT count(*) FROM webhook.attempt WHERE subscription_id IN (SELECT subscription_id FROM webhook.subscription WHERE target_url LIKE '%/hook')") >= count);
    }

    /// <summary>The operational deliveries received so far, once <paramref name="count"/> arrived and a moment passed for any extra one.</summary>
    private async Task<List<(ReceivedWebhook Request, JsonNode Body)>> OperationalAsync(int count)
    {
        await _operations.WaitForAsync(count, TimeSpan.FromSeconds(15));
        await Task.Delay(600); // several worker polls: a duplicate would arrive meanwhile
        return [.. _operations.Received.Select(r => (r, JsonNode.Parse(r.Body)!))];
    }

    private static string Types(IEnumerable<(ReceivedWebhook Request, JsonNode Body)> received)
        => string.Join(",", received.Select(r => r.Body["type"]!.GetValue<string>()));

    [Test]
    public async Task Failing_and_auto_disable_are_told_once_each_signed_like_any_webhook()
    {
        var (tenant, subscriptionId) = await CustomerAsync();
        var (systemApplication, operations) = await SubscribeOperationsAsync(tenant.OrganizationId);
        await new Scenario(_host.Master()).IngestAsync(tenant.ApplicationId, tenant.EventType);
        await CustomerCalledAsync(1);
        await EvaluateUntilAsync(subscriptionId, "degraded"); // not told
        _clock.Advance(TimeSpan.FromHours(2));
        await CustomerCalledAsync(2);
        await EvaluateUntilAsync(subscriptionId, "failing");
        await RelayAsync();
        _clock.Advance(TimeSpan.FromDays(5));
        await CustomerCalledAsync(3);
        await EvaluateUntilAsync(subscriptionId, "disabled");
        await Monitor.RunOnceAsync(CancellationToken.None);
        await RelayAsync();
        await RelayAsync();

        var received = await OperationalAsync(2);
        var (request, disabled) = received[1];
        var secret = operations["secret"]!.GetValue<string>();
        Assert.Multiple(async () =>
        {
            Assert.That(Types(received), Is.EqualTo("hook0.subscription.failing,hook0.subscription.disabled"), "each exactly once, in order");
            Assert.That(disabled["data"]!["subscription_id"]!.GetValue<Guid>(), Is.EqualTo(subscriptionId));
            Assert.That(disabled["data"]!["organization_id"]!.GetValue<Guid>(), Is.EqualTo(tenant.OrganizationId));
            Assert.That(disabled["data"]!["application_id"]!.GetValue<Guid>(), Is.EqualTo(tenant.ApplicationId));
            Assert.That(disabled["data"]!["from"]!.GetValue<string>(), Is.EqualTo("failing"));
            Assert.That(disabled["data"]!["reason"]!.GetValue<string>(), Does.Contain("disabled automatically"));
            Assert.That(received[0].Body["data"]!["failing_since"], Is.Not.Null);
            Assert.That(SignatureVerifier.Verify(request.Headers["x-hook0-signature"], request.Body, n => request.Headers.GetValueOrDefault(n), secret,
                _clock.GetUtcNow(), TimeSpan.FromMinutes(5)), Is.EqualTo(SignatureVerdict.Accepted), "signed with the operational subscription's secret (at the instance's clock)");
            Assert.That(request.Headers["webhook-id"], Does.StartWith("msg_"), "Standard Webhooks headers too");
            Assert.That(await Database.ScalarAsync<long>($"SELECT count(*) FROM event.event WHERE application_id = '{systemApplication}'"), Is.EqualTo(2),
                "ingested as ordinary events of the system application");
        });
    }

    [Test]
    public async Task A_recovery_is_told_once()
    {
        var (tenant, subscriptionId) = await CustomerAsync();
        await SubscribeOperationsAsync(tenant.OrganizationId);
        await new Scenario(_host.Master()).IngestAsync(tenant.ApplicationId, tenant.EventType);
        await CustomerCalledAsync(1);
        await EvaluateUntilAsync(subscriptionId, "degraded");
        _clock.Advance(TimeSpan.FromHours(2));
        _customer.Respond = (n, ctx) => n < 2 ? Status(ctx, 500) : ctx.Response.WriteAsync("ok");
        await CustomerCalledAsync(2);
        await EvaluateUntilAsync(subscriptionId, "failing");
        await CustomerCalledAsync(3);
        await EvaluateUntilAsync(subscriptionId, "healthy");
        await Monitor.RunOnceAsync(CancellationToken.None);
        await RelayAsync();
        await RelayAsync();

        var received = await OperationalAsync(2);
        Assert.Multiple(() =>
        {
            Assert.That(Types(received), Is.EqualTo("hook0.subscription.failing,hook0.subscription.recovered"));
            Assert.That(received[1].Body["data"]!["subscription_id"]!.GetValue<Guid>(), Is.EqualTo(subscriptionId));
            Assert.That(received[1].Body["data"]!["to"]!.GetValue<string>(), Is.EqualTo("healthy"));
        });
    }

    [Test]
    public async Task A_give_up_and_a_secret_rotation_are_told()
    {
        var (tenant, subscriptionId) = await CustomerAsync(maxRetries: 0);
        await SubscribeOperationsAsync(tenant.OrganizationId);
        var eventId = await new Scenario(_host.Master()).IngestAsync(tenant.ApplicationId, tenant.EventType);
        await CustomerCalledAsync(1);
        await PostJsonAsync(_host.Master(), $"/api/v1/subscriptions/{subscriptionId}/secret/rotate", new { application_id = tenant.ApplicationId }, 200);
        await RelayAsync();

        var received = await OperationalAsync(2);
        var exhausted = received.Single(r => r.Body["type"]!.GetValue<string>() == "hook0.attempt.exhausted").Body["data"]!;
        var rotated = received.Single(r => r.Body["type"]!.GetValue<string>() == "hook0.secret.rotated").Body["data"]!;
        Assert.Multiple(() =>
        {
            Assert.That(received, Has.Count.EqualTo(2));
            Assert.That(exhausted["event_id"]!.GetValue<Guid>(), Is.EqualTo(eventId));
            Assert.That(exhausted["subscription_id"]!.GetValue<Guid>(), Is.EqualTo(subscriptionId));
            Assert.That(exhausted["give_up_reason"]!.GetValue<string>(), Is.EqualTo("exhausted"));
            Assert.That(exhausted["http_code"]!.GetValue<int>(), Is.EqualTo(500));
            Assert.That(rotated["subscription_id"]!.GetValue<Guid>(), Is.EqualTo(subscriptionId));
            Assert.That(rotated["previous_secret_expires_at"], Is.Not.Null);
        });
    }

    [Test]
    public async Task An_operational_subscription_that_fails_tells_nothing_about_itself()
    {
        var (tenant, subscriptionId) = await CustomerAsync();
        var (systemApplication, operations) = await SubscribeOperationsAsync(tenant.OrganizationId);
        _operations.Respond = (_, ctx) => Status(ctx, 410); // gives up and disables the operational subscription at once
        await PostJsonAsync(_host.Master(), $"/api/v1/subscriptions/{subscriptionId}/secret/rotate", new { application_id = tenant.ApplicationId }, 200);
        await RelayAsync();
        await _operations.WaitForAsync(1, TimeSpan.FromSeconds(15));
        var operationsId = operations["subscription_id"]!.GetValue<Guid>();
        await Eventually.HoldsAsync(async () => await Database.ScalarAsync<string>($"SELECT health_state FROM webhook.subscription WHERE subscription_id = '{operationsId}'") == "disabled");

        await PostJsonAsync(_host.Master(), $"/api/v1/subscriptions/{operationsId}/secret/rotate", new { application_id = systemApplication }, 200);
        await RelayAsync();

        var outcomes = await Database.ScalarAsync<string>(
            $"SELECT string_agg(event_type || ':' || outcome, ',' ORDER BY event_type) FROM webhook.operational_event WHERE application_id = '{systemApplication}'");
        Assert.Multiple(async () =>
        {
            Assert.That(outcomes, Is.EqualTo("hook0.attempt.exhausted:about_system_application,hook0.secret.rotated:about_system_application,hook0.subscription.disabled:about_system_application"),
                "its give-up, 410 disable and rotation were recorded and never told");
            Assert.That(await Database.ScalarAsync<long>($"SELECT count(*) FROM event.event WHERE application_id = '{systemApplication}'"), Is.EqualTo(1),
                "only the customer's rotation became an event");
            Assert.That(_operations.Received, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task The_outbox_survives_a_restart_without_loss_or_duplicate()
    {
        var (tenant, subscriptionId) = await CustomerAsync();
        await SubscribeOperationsAsync(tenant.OrganizationId);
        var rotate = $"/api/v1/subscriptions/{subscriptionId}/secret/rotate";
        await PostJsonAsync(_host.Master(), rotate, new { application_id = tenant.ApplicationId }, 200);
        await RelayAsync();
        // A crash after the ingest committed but before the row was marked: the row is pending again.
        await Database.ExecuteAsync("UPDATE webhook.operational_event SET relayed_at = NULL, outcome = NULL");
        // And a second rotation whose row was written but never relayed before the process died.
        await PostJsonAsync(_host.Master(), rotate, new { application_id = tenant.ApplicationId }, 200);
        await _host.DisposeAsync();

        _host = StartHost();
        await RelayAsync();

        var received = await OperationalAsync(2);
        Assert.Multiple(async () =>
        {
            Assert.That(Types(received), Is.EqualTo("hook0.secret.rotated,hook0.secret.rotated"), "both told, the first only once");
            Assert.That(await Database.ScalarAsync<string>("SELECT string_agg(outcome, ',' ORDER BY occurred_at) FROM webhook.operational_event"),
                Is.EqualTo("already_ingested,ingested"));
            Assert.That(received.Select(r => r.Request.Headers["webhook-id"]).Distinct().Count(), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task The_system_application_is_not_counted_listed_renamed_or_deleted()
    {
        await _host.DisposeAsync();
        _host = StartHost(new Dictionary<string, string?>
        {
            ["ENABLE_QUOTA_ENFORCEMENT"] = "true",
            ["QUOTA_GLOBAL_APPLICATIONS_PER_ORGANIZATION_LIMIT"] = "2",
            ["QUOTA_GLOBAL_EVENT_TYPES_PER_APPLICATION_LIMIT"] = "1",
        });
        var master = _host.Master();
        var scenario = new Scenario(master);
        var organizationId = await scenario.OrganizationAsync();
        var first = await scenario.ApplicationAsync(organizationId, "First");
        var found = await JsonAsync(await master.GetAsync($"/api/v1/organizations/{organizationId}/operational_webhooks"));
        var again = await JsonAsync(await master.GetAsync($"/api/v1/organizations/{organizationId}/operational_webhooks"));
        var systemApplication = found["application_id"]!.GetValue<Guid>();
        var second = await scenario.ApplicationAsync(organizationId, "Second");
        var listed = await JsonAsync(await master.GetAsync($"/api/v1/applications?organization_id={organizationId}"));
        var eventTypes = await JsonAsync(await master.GetAsync($"/api/v1/event_types?application_id={systemApplication}"));

        Assert.Multiple(async () =>
        {
            Assert.That(again["application_id"]!.GetValue<Guid>(), Is.EqualTo(systemApplication), "one system application per organization");
            Assert.That(second, Is.Not.EqualTo(Guid.Empty), "the system application did not use the quota of two");
            Assert.That(eventTypes.AsArray(), Has.Count.EqualTo(OperationalEventTypes.All.Count), "its event types (seven) exceed the limit of one: not counted");
            Assert.That(listed.AsArray().Select(a => a!["application_id"]!.GetValue<Guid>()), Is.EquivalentTo(new[] { first, second }));
            await AssertProblemAsync(await master.DeleteAsync($"/api/v1/applications/{systemApplication}"), 409, "SystemApplication");
            await AssertProblemAsync(await master.PutAsJsonAsync($"/api/v1/applications/{systemApplication}",
                new { organization_id = organizationId, name = "Mine now" }), 409, "SystemApplication");
            await AssertProblemAsync(await master.PostAsJsonAsync("/api/v1/applications", new { organization_id = organizationId, name = "Third" }),
                429, "TooManyApplicationsPerOrganization");
        });

        // Once its own applications are gone the organization is empty: the system application goes with it.
        Assert.That((int)(await master.DeleteAsync($"/api/v1/applications/{first}")).StatusCode, Is.EqualTo(204));
        Assert.That((int)(await master.DeleteAsync($"/api/v1/applications/{second}")).StatusCode, Is.EqualTo(204));
        Assert.That((int)(await master.DeleteAsync($"/api/v1/organizations/{organizationId}")).StatusCode, Is.EqualTo(204));
    }

    [Test]
    public async Task An_organization_that_never_asked_has_its_events_in_the_system_application_made_with_it()
    {
        // ADR 0015 (superseding ADR 0008 on this point): the system application is created with the
        // organization, so operational events are kept there from the start, whether or not anyone subscribed.
        var (tenant, subscriptionId) = await CustomerAsync();
        await PostJsonAsync(_host.Master(), $"/api/v1/subscriptions/{subscriptionId}/secret/rotate", new { application_id = tenant.ApplicationId }, 200);
        await RelayAsync();

        Assert.Multiple(async () =>
        {
            Assert.That(await Database.ScalarAsync<string>("SELECT outcome FROM webhook.operational_event"), Is.EqualTo("ingested"));
            Assert.That(await Database.ScalarAsync<long>($"SELECT count(*) FROM iam.application WHERE is_system AND organization_id = '{tenant.OrganizationId}'"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Editors_are_emailed_when_an_endpoint_starts_failing()
    {
        var accounts = new UserAccounts(_host.Factory);
        var (_, organizationId) = await accounts.UserAsync("editor@example.com", "Grace", "Hopper");
        var scenario = new Scenario(_host.Master());
        var application = await scenario.ApplicationAsync(organizationId);
        var tenant = new Tenant(organizationId, application, await scenario.SecretAsync(application), await scenario.EventTypeAsync(application));
        var (_, subscriptionId) = await CustomerAsync(existing: tenant);
        await scenario.IngestAsync(application, tenant.EventType);
        await CustomerCalledAsync(1);
        await EvaluateUntilAsync(subscriptionId, "degraded");
        _clock.Advance(TimeSpan.FromHours(2));
        await CustomerCalledAsync(2);
        await EvaluateUntilAsync(subscriptionId, "failing");
        await RelayAsync();

        var links = _host.Factory.Mailbox.LinksFor("editor@example.com").Where(l => l.Contains("/subscriptions/", StringComparison.Ordinal)).ToList();
        Assert.Multiple(async () =>
        {
            Assert.That(links, Has.Count.EqualTo(1), "one e-mail, to the editor");
            Assert.That(links.FirstOrDefault(), Does.EndWith($"/organizations/{organizationId}/applications/{application}/subscriptions/{subscriptionId}"), "linking to the subscription's page");
            Assert.That(await Database.ScalarAsync<string>("SELECT outcome FROM webhook.operational_event"), Is.EqualTo("ingested"),
                "e-mailed though the organization never subscribed a webhook (the event is kept in its system application)");
        });
    }

    private static async Task Status(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        await context.Response.WriteAsync("no");
    }
}
