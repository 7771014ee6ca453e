using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.Delivery.History;

/// <summary>
/// <c>GET /request_attempts/{id}</c> answers the request as it was sent (ADR 0019): the request line with credential-like
/// query values masked, the headers with the subscription's own values masked and the signatures kept, the payload as
/// the body; an attempt not tried yet has none. <c>status</c> filters the list by computed status.
/// </summary>
[NonParallelizable]
public sealed class SentRequestTests : ApiTest
{
    [Test]
    public async Task A_tried_attempt_shows_the_request_as_sent_and_a_waiting_one_shows_none()
    {
        await using var host = new DeliveryHost();
        await using var receiver = await WebhookReceiver.StartAsync();
        var scenario = new Scenario(host.Master());
        var tenant = await scenario.TenantAsync();
        await PostJsonAsync(host.Master(), "/api/v1/subscriptions", new
        {
            application_id = tenant.ApplicationId, is_enabled = true, event_types = new[] { tenant.EventType },
            labels = new Dictionary<string, string> { ["env"] = "prod" },
            target = new { type = "http", method = "PUT", url = receiver.Url() + "?api_key=s3cret&team=billing", headers = new Dictionary<string, string> { ["X-Team-Key"] = "k3y" } },
        });
        const string payload = """{"amount":42,"currency":"EUR"}""";
        await scenario.IngestAsync(tenant.ApplicationId, tenant.EventType, payload: payload);
        var delivered = (await receiver.WaitForAsync(1, TimeSpan.FromSeconds(20)))[0];

        var attempts = await EventuallyAttemptsAsync(host, tenant.ApplicationId, "successful", 1);
        var id = attempts[0]!["request_attempt_id"]!.GetValue<Guid>();
        Assert.That(attempts[0]!["request"], Is.Null, "the list carries no request");
        var detail = await host.Master().GetFromJsonAsync<JsonObject>($"/api/v1/request_attempts/{id}?application_id={tenant.ApplicationId}");
        var request = detail!["request"]!;

        Assert.Multiple(() =>
        {
            Assert.That(request["method"]!.GetValue<string>(), Is.EqualTo("PUT"));
            Assert.That(request["url"]!.GetValue<string>(), Is.EqualTo(receiver.Url() + "?api_key=***&team=billing"));
            Assert.That(request["headers"]!["x-team-key"]!.GetValue<string>(), Is.EqualTo("***"), "the subscription's own header value is masked");
            Assert.That(request["headers"]!["webhook-signature"]!.GetValue<string>(), Is.EqualTo(delivered.Headers["webhook-signature"]), "signatures as sent");
            Assert.That(request["headers"]!.AsObject().Select(h => h.Key), Has.None.StartsWith(":"), "the request line is not a header");
            Assert.That(Encoding.UTF8.GetString(Convert.FromBase64String(request["body"]!.GetValue<string>())), Is.EqualTo(Encoding.UTF8.GetString(delivered.Body)));
            Assert.That(request["body_content_type"]!.GetValue<string>(), Is.EqualTo("application/json"));
        });
    }

    [Test]
    public async Task A_token_that_may_read_attempts_but_not_events_gets_the_request_without_its_body()
    {
        await using var host = new DeliveryHost();
        await using var receiver = await WebhookReceiver.StartAsync();
        var scenario = new Scenario(host.Master());
        var tenant = await scenario.TenantAsync();
        await scenario.SubscriptionAsync(tenant.ApplicationId, [tenant.EventType], labels: new Dictionary<string, string> { ["env"] = "prod" }, url: receiver.Url());
        await scenario.IngestAsync(tenant.ApplicationId, tenant.EventType);
        await receiver.WaitForAsync(1, TimeSpan.FromSeconds(20));
        var id = (await EventuallyAttemptsAsync(host, tenant.ApplicationId, "successful", 1))[0]!["request_attempt_id"]!.GetValue<Guid>();
        var token = (await PostJsonAsync(host.Master(), "/api/v1/service_token", new { organization_id = tenant.OrganizationId, name = "attempts only" }))["biscuit"]!.GetValue<string>();
        var block = new Hook0.Biscuit.BlockBuilder();
        block.AddCheck("check if action($a), {\"request_attempt:get\", \"request_attempt:list\"}.contains($a)");
        var attenuated = Hook0.Biscuit.BiscuitToken.Parse(token, RootKey).Attenuate(block).ToBase64();
        using var client = host.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", attenuated);

        var detail = await client.GetFromJsonAsync<JsonObject>($"/api/v1/request_attempts/{id}?application_id={tenant.ApplicationId}");
        await AssertProblemAsync(await client.GetAsync($"/api/v1/events/{detail!["event_id"]}?application_id={tenant.ApplicationId}"), 403, "Forbidden");

        Assert.That(detail["request"]!["headers"]!["webhook-signature"], Is.Not.Null);
        Assert.That(detail["request"]!["body"], Is.Null);
        Assert.That(detail["request"]!["body_unavailable"]!.GetValue<string>(), Is.EqualTo("this credential may not read the event"));
    }

    private static readonly Hook0.Biscuit.Crypto.PublicKey RootKey =
        Hook0.Biscuit.Crypto.KeyPair.FromPrivateKey("ed25519-private/" + Hook0Factory.BiscuitPrivateKey).PublicKey;

    [Test]
    public async Task Status_filters_the_list_and_an_unknown_status_is_refused()
    {
        await using var host = new DeliveryHost(new Dictionary<string, string?> { ["DELIVERY_WORKERS_ENABLED"] = "false" });
        var scenario = new Scenario(host.Master());
        var tenant = await scenario.TenantAsync();
        await scenario.SubscriptionAsync(tenant.ApplicationId, [tenant.EventType], labels: new Dictionary<string, string> { ["env"] = "prod" });
        await scenario.IngestAsync(tenant.ApplicationId, tenant.EventType);

        var pending = await host.Master().GetFromJsonAsync<JsonArray>($"/api/v1/request_attempts?application_id={tenant.ApplicationId}&status=pending,waiting");
        var done = await host.Master().GetFromJsonAsync<JsonArray>($"/api/v1/request_attempts?application_id={tenant.ApplicationId}&status=successful");
        Assert.That(pending!.Select(a => a!["status"]!["type"]!.GetValue<string>()), Is.EqualTo(new[] { "pending" }));
        Assert.That(pending![0]!["request"], Is.Null, "not sent yet");
        Assert.That(done, Is.Empty);
        var detail = await host.Master().GetFromJsonAsync<JsonObject>($"/api/v1/request_attempts/{pending[0]!["request_attempt_id"]}?application_id={tenant.ApplicationId}");
        Assert.That(detail!.ContainsKey("request"), Is.False, "an attempt not tried has no request");

        var bogus = await host.Master().GetAsync($"/api/v1/request_attempts?application_id={tenant.ApplicationId}&status=lost");
        var problem = await AssertProblemAsync(bogus, 400, "InvalidParameter");
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("lost"));
    }

    private static async Task<JsonArray> EventuallyAttemptsAsync(DeliveryHost host, Guid applicationId, string status, int count)
        => await Eventually.ReadAsync(
            async () => (await host.Master().GetFromJsonAsync<JsonArray>($"/api/v1/request_attempts?application_id={applicationId}&status={status}"))!,
            list => list.Count >= count, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(100));
}
