using System.Net;
using System.Net.Http.Json;
using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.Ingestion;

/// <summary>Which subscriptions an event reaches: decided in the ingesting transaction.</summary>
public sealed class MatchingTests : ApiTest
{
    [Test]
    public async Task Upstream_label_scenario_yields_2_1_0_and_3_attempts()
    {
        var scenario = new Scenario(Master());
        var app = await scenario.ApplicationAsync(await scenario.OrganizationAsync());
        var type1 = await scenario.EventTypeAsync(app, "s", "r", "one");
        var type2 = await scenario.EventTypeAsync(app, "s", "r", "two");
        await LegacySubscriptionAsync(app, [type1, type2]);
        await LegacySubscriptionAsync(app, [type1]);
        await scenario.SubscriptionAsync(app, [type1], new Dictionary<string, string> { ["all"] = "yes", ["other_label"] = "42" });

        Assert.That(await AttemptsForAsync(await scenario.IngestAsync(app, type1, new Dictionary<string, string> { ["all"] = "yes" })), Is.EqualTo(2));
        Assert.That(await AttemptsForAsync(await scenario.IngestAsync(app, type2, new Dictionary<string, string> { ["all"] = "yes" })), Is.EqualTo(1));
        Assert.That(await AttemptsForAsync(await scenario.IngestAsync(app, type1, new Dictionary<string, string> { ["test"] = "test" })), Is.EqualTo(0));
        Assert.That(await AttemptsForAsync(await scenario.IngestAsync(app, type1,
            new Dictionary<string, string> { ["all"] = "yes", ["other_label"] = "42", ["unused_label"] = "test" })), Is.EqualTo(3));
    }

    [Test]
    public async Task Patterns_match_whole_dotted_segments()
    {
        var scenario = new Scenario(Master());
        var app = await scenario.ApplicationAsync(await scenario.OrganizationAsync());
        var created = await scenario.EventTypeAsync(app, "billing", "invoice", "created");
        var paid = await scenario.EventTypeAsync(app, "billing", "invoice", "paid");
        var refund = await scenario.EventTypeAsync(app, "billing", "refund", "created");
        var user = await scenario.EventTypeAsync(app, "auth", "user", "created");
        var subscription = await scenario.SubscriptionAsync(app, ["billing.*.created"]);
        await scenario.SubscriptionAsync(app, ["billing.invoice.*"]);
        await scenario.SubscriptionAsync(app, ["*.*.*"]);

        Assert.That(subscription["event_types"]!.ToJsonString(), Is.EqualTo("[\"billing.*.created\"]"));
        Assert.That(await AttemptsForAsync(await scenario.IngestAsync(app, created)), Is.EqualTo(3));
        Assert.That(await AttemptsForAsync(await scenario.IngestAsync(app, paid)), Is.EqualTo(2));
        Assert.That(await AttemptsForAsync(await scenario.IngestAsync(app, refund)), Is.EqualTo(2));
        Assert.That(await AttemptsForAsync(await scenario.IngestAsync(app, user)), Is.EqualTo(1));
    }

    [Test]
    public async Task A_pattern_need_not_match_an_existing_type_but_must_be_well_formed()
    {
        var scenario = new Scenario(Master());
        var tenant = await scenario.TenantAsync();
        await scenario.SubscriptionAsync(tenant.ApplicationId, ["future.*.created"]);

        var body = new
        {
            application_id = tenant.ApplicationId, is_enabled = true, event_types = new[] { "billing.inv*.created" },
            labels = new Dictionary<string, string> { ["a"] = "b" },
            target = new { type = "http", method = "POST", url = "https://example.com/x", headers = new Dictionary<string, string>() },
        };
        var problem = await AssertProblemAsync(await Master().PostAsJsonAsync("/api/v1/subscriptions", body), 422, "Validation");
        Assert.That(problem["validation"]!["event_types"]![0]!["code"]!.GetValue<string>(), Is.EqualTo("event-types-pattern"));
    }

    [Test]
    public async Task Disabled_and_deleted_subscriptions_receive_nothing()
    {
        var scenario = new Scenario(Master());
        var tenant = await scenario.TenantAsync();
        var disabled = await scenario.SubscriptionAsync(tenant.ApplicationId, [tenant.EventType]);
        var deleted = await scenario.SubscriptionAsync(tenant.ApplicationId, [tenant.EventType]);
        await scenario.SubscriptionAsync(tenant.ApplicationId, [tenant.EventType]);
        var body = disabled.AsObject().ToDictionary(kv => kv.Key, kv => kv.Value?.DeepClone());
        body.Remove("dedicated_workers"); // upstream refuses an empty list on write
        body["is_enabled"] = false;
        Assert.That((await Master().PutAsJsonAsync($"/api/v1/subscriptions/{disabled["subscription_id"]}", body)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await Master().DeleteAsync($"/api/v1/subscriptions/{deleted["subscription_id"]}?application_id={tenant.ApplicationId}");

        Assert.That(await AttemptsForAsync(await scenario.IngestAsync(tenant.ApplicationId, tenant.EventType)), Is.EqualTo(1));
    }

    [Test]
    public async Task Disabling_or_deleting_a_subscription_fails_its_pending_attempts()
    {
        var scenario = new Scenario(Master());
        var tenant = await scenario.TenantAsync();
        var sub = await scenario.SubscriptionAsync(tenant.ApplicationId, [tenant.EventType]);
        await scenario.IngestAsync(tenant.ApplicationId, tenant.EventType);

        await Master().DeleteAsync($"/api/v1/subscriptions/{sub["subscription_id"]}?application_id={tenant.ApplicationId}");

        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM webhook.attempt WHERE outcome = 'cancelled' AND reason = 'subscription_gone'"), Is.EqualTo(1));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM webhook.delivery_queue"), Is.Zero, "nothing left to deliver");
    }

    [Test]
    public async Task Deleting_the_application_fails_its_pending_attempts_in_the_same_transaction()
    {
        var scenario = new Scenario(Master());
        var tenant = await scenario.TenantAsync();
        await scenario.SubscriptionAsync(tenant.ApplicationId, [tenant.EventType]);
        await scenario.IngestAsync(tenant.ApplicationId, tenant.EventType);

        await Master().DeleteAsync($"/api/v1/applications/{tenant.ApplicationId}");

        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM webhook.delivery_queue"), Is.Zero);
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM webhook.attempt WHERE outcome = 'cancelled' AND reason = 'application_deleted'"), Is.EqualTo(1));
    }

    [Test]
    [NonParallelizable]
    public async Task A_failing_matcher_leaves_no_event_behind()
    {
        var scenario = new Scenario(Master());
        var tenant = await scenario.TenantAsync();
        await scenario.SubscriptionAsync(tenant.ApplicationId, [tenant.EventType]);
        await Database.ExecuteAsync("ALTER TABLE webhook.delivery_queue ADD CONSTRAINT injected_failure CHECK (false) NOT VALID");
        try
        {
            var response = await Master().PostAsJsonAsync("/api/v1/event", Scenario.Event(tenant.ApplicationId, tenant.EventType));

            Assert.That((int)response.StatusCode, Is.EqualTo(500));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM event.event"), Is.Zero, "the event rolled back with its attempts");
        }
        finally
        {
            await Database.ExecuteAsync("ALTER TABLE webhook.delivery_queue DROP CONSTRAINT injected_failure");
        }
    }

    private static async Task LegacySubscriptionAsync(Guid app, string[] types)
        => await PostJsonAsync(Master(), "/api/v1/subscriptions", new
        {
            application_id = app, is_enabled = true, event_types = types, label_key = "all", label_value = "yes",
            target = new { type = "http", method = "POST", url = "https://example.com/x", headers = new Dictionary<string, string>() },
        });

    private static Task<long> AttemptsForAsync(Guid eventId)
        => Database.ScalarAsync<long>($"SELECT count(*) FROM (SELECT event_id FROM webhook.delivery_queue UNION ALL SELECT event_id FROM webhook.attempt) AS a WHERE event_id = '{eventId}'");
}
