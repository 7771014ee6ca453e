using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.Ingestion;

public sealed class BatchAndReplayTests : ApiTest
{
    [Test]
    public async Task A_batch_answers_207_with_one_result_per_event_in_order()
    {
        var scenario = new Scenario(Master());
        var tenant = await scenario.TenantAsync();
        var other = await scenario.TenantAsync("Other");
        await scenario.SubscriptionAsync(tenant.ApplicationId, [tenant.EventType]);
        var duplicateId = Guid.NewGuid();
        var items = new JsonArray(
            JsonSerializerNode(Scenario.Event(tenant.ApplicationId, tenant.EventType, eventId: duplicateId)),
            JsonSerializerNode(Scenario.Event(tenant.ApplicationId, "no.such.type")),
            JsonSerializerNode(Scenario.Event(tenant.ApplicationId, tenant.EventType, labels: new Dictionary<string, string>())),
            JsonNode.Parse("{\"application_id\":42}"),
            JsonSerializerNode(Scenario.Event(other.ApplicationId, other.EventType)),
            JsonSerializerNode(Scenario.Event(tenant.ApplicationId, tenant.EventType, eventId: duplicateId)),
            JsonSerializerNode(Scenario.Event(tenant.ApplicationId, tenant.EventType)));

        var response = await As(tenant.Secret).PostAsync("/api/v1/events/batch", RawJson(items.ToJsonString()));
        var results = (await JsonAsync(response)).AsArray();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.MultiStatus));
        Assert.That(results.Select(r => r!["status"]!.GetValue<int>()), Is.EqualTo(new[] { 201, 400, 422, 400, 403, 409, 201 }));
        Assert.Multiple(() =>
        {
            Assert.That(results[0]!["body"]!["event_id"]!.GetValue<Guid>(), Is.EqualTo(duplicateId));
            Assert.That(results[1]!["body"]!["id"]!.GetValue<string>(), Is.EqualTo("EventTypeDoesNotExist"));
            Assert.That(results[2]!["body"]!["validation"]!["labels"], Is.Not.Null);
            Assert.That(results[3]!["body"]!["id"]!.GetValue<string>(), Is.EqualTo("JsonPayload"));
            Assert.That(results[4]!["body"]!["id"]!.GetValue<string>(), Is.EqualTo("Forbidden"));
            Assert.That(results[5]!["body"]!["id"]!.GetValue<string>(), Is.EqualTo("EventAlreadyIngested"));
        });
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM event.event"), Is.EqualTo(2));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM (SELECT event_id, attempt_number FROM webhook.delivery_queue UNION ALL SELECT event_id, attempt_number FROM webhook.attempt) AS a"), Is.EqualTo(2));
    }

    [Test]
    public async Task A_null_element_is_refused_alone_and_a_body_that_is_no_array_or_no_JSON_is_refused_whole()
    {
        var tenant = await new Scenario(Master()).TenantAsync();
        var valid = JsonSerializerNode(Scenario.Event(tenant.ApplicationId, tenant.EventType))!.ToJsonString();

        var response = await As(tenant.Secret).PostAsync("/api/v1/events/batch", RawJson($"[null, {valid}]"));
        var results = (await JsonAsync(response)).AsArray();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.MultiStatus));
        Assert.That(results.Select(r => r!["status"]!.GetValue<int>()), Is.EqualTo(new[] { 400, 201 }));
        Assert.That(results[0]!["body"]!["id"]!.GetValue<string>(), Is.EqualTo("JsonPayload"));
        await AssertProblemAsync(await As(tenant.Secret).PostAsync("/api/v1/events/batch", RawJson(valid)), 400, "JsonPayload");
        await AssertProblemAsync(await As(tenant.Secret).PostAsync("/api/v1/events/batch", RawJson($"[{valid}, {{\"application_id\": }}]")), 400, "JsonPayload");
        await AssertProblemAsync(await As(tenant.Secret).PostAsync("/api/v1/events/batch", RawJson($"[{valid}")), 400, "JsonPayload");
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM event.event"), Is.EqualTo(1), "only the batch's valid event of the first request");
    }

    [Test]
    public async Task A_batch_of_more_than_100_events_is_refused_whole()
    {
        var tenant = await new Scenario(Master()).TenantAsync();
        var items = new JsonArray([.. Enumerable.Range(0, 101).Select(_ => JsonSerializerNode(Scenario.Event(tenant.ApplicationId, tenant.EventType)))]);

        await AssertProblemAsync(await Master().PostAsync("/api/v1/events/batch", RawJson(items.ToJsonString())), 422, "Validation");
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM event.event"), Is.Zero);
    }

    [Test]
    public async Task Replay_dispatches_again_to_the_subscriptions_that_match_now()
    {
        var scenario = new Scenario(Master());
        var tenant = await scenario.TenantAsync();
        await scenario.SubscriptionAsync(tenant.ApplicationId, [tenant.EventType]);
        var eventId = await scenario.IngestAsync(tenant.ApplicationId, tenant.EventType);
        await scenario.SubscriptionAsync(tenant.ApplicationId, [tenant.EventType]);

        var response = await Master().PostAsJsonAsync($"/api/v1/events/{eventId}/replay", new { application_id = tenant.ApplicationId });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(await Database.ScalarAsync<long>($"SELECT count(*) FROM (SELECT event_id, attempt_number FROM webhook.delivery_queue UNION ALL SELECT event_id, attempt_number FROM webhook.attempt) AS a WHERE event_id = '{eventId}' AND attempt_number = 0"), Is.EqualTo(3));
        await AssertProblemAsync(await Master().PostAsJsonAsync($"/api/v1/events/{Guid.NewGuid()}/replay", new { application_id = tenant.ApplicationId }), 404, "NotFound");
    }

    [Test]
    public async Task Replay_by_filter_counts_first_then_replays()
    {
        var scenario = new Scenario(Master());
        var tenant = await scenario.TenantAsync();
        var other = await scenario.EventTypeAsync(tenant.ApplicationId, "billing", "invoice", "voided");
        var subscription = await scenario.SubscriptionAsync(tenant.ApplicationId, [tenant.EventType, other]);
        for (var i = 0; i < 3; i++)
        {
            await scenario.IngestAsync(tenant.ApplicationId, tenant.EventType);
        }

        await scenario.IngestAsync(tenant.ApplicationId, other);
        var filter = new Dictionary<string, object?>
        {
            ["application_id"] = tenant.ApplicationId, ["from"] = DateTime.UtcNow.AddHours(-1), ["to"] = DateTime.UtcNow.AddHours(1),
            ["event_type"] = tenant.EventType, ["subscription_id"] = subscription["subscription_id"]!.GetValue<Guid>(),
        };

        var dry = await JsonAsync(await Master().PostAsJsonAsync("/api/v1/events/replay", filter));
        Assert.That(dry.ToJsonString(), Is.EqualTo("""{"matching_events":3,"dry_run":true,"replayed_events":0}"""));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM (SELECT event_id, attempt_number FROM webhook.delivery_queue UNION ALL SELECT event_id, attempt_number FROM webhook.attempt) AS a"), Is.EqualTo(4), "a dry run changes nothing");

        filter["dry_run"] = false;
        var done = await JsonAsync(await Master().PostAsJsonAsync("/api/v1/events/replay", filter));
        Assert.That(done["replayed_events"]!.GetValue<int>(), Is.EqualTo(3));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM (SELECT event_id, attempt_number FROM webhook.delivery_queue UNION ALL SELECT event_id, attempt_number FROM webhook.attempt) AS a"), Is.EqualTo(7));
    }

    [Test]
    public async Task A_replay_label_filter_is_bounded_like_stored_labels()
    {
        var tenant = await new Scenario(Master()).TenantAsync();
        Dictionary<string, object?> Filter(string value) => new()
        {
            ["application_id"] = tenant.ApplicationId, ["from"] = DateTime.UtcNow.AddHours(-1), ["to"] = DateTime.UtcNow.AddHours(1),
            ["labels"] = new Dictionary<string, string> { ["env"] = value },
        };

        var atLimit = await Master().PostAsJsonAsync("/api/v1/events/replay", Filter(new string('x', 50)));
        var problem = await AssertProblemAsync(await Master().PostAsJsonAsync("/api/v1/events/replay", Filter(new string('x', 51))), 422, "Validation");

        Assert.That((int)atLimit.StatusCode, Is.EqualTo(200), await atLimit.Content.ReadAsStringAsync());
        Assert.That(problem["validation"]!["labels"]![0]!["code"]!.GetValue<string>(), Is.EqualTo("labels-property-length"));
    }

    private static JsonNode JsonSerializerNode(object value) => System.Text.Json.JsonSerializer.SerializeToNode(value)!;
}
