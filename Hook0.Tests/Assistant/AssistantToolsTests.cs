using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hook0.Modules.Kernel.Auth;
using Hook0.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace Hook0.Tests.Assistant;

/// <summary>
/// The MCP server at <c>/mcp</c> (ADR 0027), driven by the SDK's real client over streamable HTTP: it lists every
/// tool, each tool answers what its REST twin answers (same mediator request), a read-only attenuated token reads but is
/// refused every write (and nothing changes), a token of another organization is refused everything, no token is a 401.
/// </summary>
[NonParallelizable]
public sealed class AssistantToolsTests : ApiTest
{
    private static readonly string[] ReadTools =
    [
        "list_applications", "get_application", "list_event_types", "get_event_type", "list_subscriptions", "get_subscription",
        "search_events", "get_event", "search_attempts", "explain_attempt_failure",
    ];

    private static readonly string[] WriteTools = ["retry_attempt", "replay_events", "send_test_event"];

    private DeliveryHost _host = null!;
    private WebhookReceiver _receiver = null!;
    private Tenant _tenant = null!;
    private Guid _subscriptionId;
    private string _token = null!;

    [OneTimeSetUp]
    public void StartHost() => _host = new DeliveryHost();

    [OneTimeTearDown]
    public async Task StopHostAsync() => await _host.DisposeAsync();

    [SetUp]
    public async Task CreateTenantAsync()
    {
        _receiver = await WebhookReceiver.StartAsync();
        // The first delivery fails (and, with no retry, becomes a dead letter); the next ones succeed.
        _receiver.Respond = async (n, ctx) =>
        {
            ctx.Response.StatusCode = n == 0 ? StatusCodes.Status500InternalServerError : StatusCodes.Status200OK;
            await ctx.Response.WriteAsync(n == 0 ? "down: the database is unavailable" : "ok");
        };
        var master = _host.Master();
        var scenario = new Scenario(master);
        _tenant = await scenario.TenantAsync();
        var eventType = await master.PostAsync("/api/v1/event_types", RawJson(
            $$"""{"application_id":"{{_tenant.ApplicationId}}","service":"billing","resource_type":"invoice","verb":"paid","example":{"amount":12},"description":"Paid."}"""));
        Assert.That(eventType.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var subscription = await PostJsonAsync(master, "/api/v1/subscriptions", new Dictionary<string, object>
        {
            ["application_id"] = _tenant.ApplicationId, ["is_enabled"] = true, ["event_types"] = new[] { _tenant.EventType },
            ["labels"] = new Dictionary<string, string> { ["env"] = "prod" }, ["description"] = "orders service",
            ["target"] = new { type = "http", method = "POST", url = _receiver.Url(), headers = new Dictionary<string, string> { ["X-Api-Key"] = "k3y" } },
            ["retry_policy"] = new { max_retries = 0, schedule = new[] { 1 } },
        });
        _subscriptionId = subscription["subscription_id"]!.GetValue<Guid>();
        _token = await ServiceTokenAsync(_tenant.OrganizationId);
    }

    [TearDown]
    public async Task StopReceiverAsync() => await _receiver.DisposeAsync();

    [Test]
    public async Task The_server_lists_every_tool_with_its_read_only_hint()
    {
        await using var session = await AssistantSession.ConnectAsync(_host.Factory, _token);
        var tools = (await session.ListToolsAsync()).ToDictionary(t => t.Name, t => t.ProtocolTool);

        Assert.Multiple(() =>
        {
            Assert.That(tools.Keys, Is.EquivalentTo(ReadTools.Concat(WriteTools)));
            Assert.That(ReadTools.Select(t => tools[t].Annotations?.ReadOnlyHint), Is.All.True);
            Assert.That(WriteTools.Select(t => tools[t].Annotations?.ReadOnlyHint), Is.All.False);
            Assert.That(tools.Values.Select(t => t.Description), Is.All.Not.Empty);
            Assert.That(tools["replay_events"].InputSchema.GetProperty("properties").TryGetProperty("expectedCount", out _), Is.True);
        });
    }

    [Test]
    public async Task Each_tool_answers_what_its_REST_route_answers()
    {
        var app = _tenant.ApplicationId;
        var rest = As(_token);
        await using var session = await AssistantSession.ConnectAsync(_host.Factory, _token);

        var applications = await session.AnswerAsync("list_applications");
        var application = await session.AnswerAsync("get_application", new() { ["applicationId"] = app });
        var types = await session.AnswerAsync("list_event_types", new() { ["applicationId"] = app });
        var type = await session.AnswerAsync("get_event_type", new() { ["applicationId"] = app, ["eventType"] = _tenant.EventType });
        var subscriptions = await session.AnswerAsync("list_subscriptions", new() { ["applicationId"] = app });
        var subscription = await session.AnswerAsync("get_subscription", new() { ["subscriptionId"] = _subscriptionId });
        Assert.Multiple(async () =>
        {
            Assert.That(applications.AsArray().Select(a => a!["application_id"]!.GetValue<Guid>()), Is.EqualTo(new[] { app }), "the token's organization, unasked");
            Assert.That(JsonNode.DeepEquals(application, await rest.GetFromJsonAsync<JsonNode>($"/api/v1/applications/{app}")), Is.True);
            Assert.That(JsonNode.DeepEquals(types, await rest.GetFromJsonAsync<JsonNode>($"/api/v1/event_types?application_id={app}")), Is.True);
            Assert.That(type["example"]!.ToJsonString(), Is.EqualTo("""{"amount":12}"""));
            Assert.That(subscriptions.AsArray().Single()!["subscription_id"]!.GetValue<Guid>(), Is.EqualTo(_subscriptionId));
            Assert.That(subscription["description"]!.GetValue<string>(), Is.EqualTo("orders service"));
            Assert.That(subscription["health"], Is.Not.Null);
            foreach (var shown in new[] { subscription, subscriptions[0]! })
            {
                Assert.That(shown.AsObject().Select(p => p.Key), Has.None.AnyOf("secret", "standard_secret", "secrets"), "no signing secret reaches the assistant");
                Assert.That(shown["target"]!["headers"]!["x-api-key"]!.GetValue<string>(), Is.EqualTo("***"));
            }
        });
        await session.AssertRefusedAsync("get_event_type", new() { ["applicationId"] = app, ["eventType"] = "no.such.type" }, "NotFound");

        // A test event takes the subscription's labels and the type's example; its delivery fails (500) for good.
        var sent = await session.AnswerAsync("send_test_event", new() { ["applicationId"] = app, ["eventType"] = _tenant.EventType, ["subscriptionId"] = _subscriptionId });
        var eventId = sent["event_id"]!.GetValue<Guid>();
        var delivered = (await _receiver.WaitForAsync(1, TimeSpan.FromSeconds(20)))[0];
        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(delivered.Body), JsonNode.Parse("""{"amount":12}""")), Is.True, "the type's example as payload");
        var events = await session.AnswerAsync("search_events", new() { ["applicationId"] = app, ["eventType"] = _tenant.EventType });
        var stored = await session.AnswerAsync("get_event", new() { ["applicationId"] = app, ["eventId"] = eventId });
        Assert.That(events["items"]!.AsArray().Select(e => e!["event_id"]!.GetValue<Guid>()), Is.EqualTo(new[] { eventId }));
        Assert.That(stored["metadata"]!["hook0_test_event"]!.GetValue<string>(), Is.EqualTo("true"));
        Assert.That(JsonNode.DeepEquals(stored, await rest.GetFromJsonAsync<JsonNode>($"/api/v1/events/{eventId}?application_id={app}")), Is.True);

        var failed = await Eventually.ReadAsync(
            async () => (await session.AnswerAsync("search_attempts", new() { ["applicationId"] = app, ["statuses"] = new[] { "failed" } }))["items"]!.AsArray(),
            items => items.Count == 1, TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(200));
        var attemptId = failed[0]!["request_attempt_id"]!.GetValue<Guid>();
        var explained = await Eventually.ReadAsync(
            () => session.AnswerAsync("explain_attempt_failure", new() { ["applicationId"] = app, ["requestAttemptId"] = attemptId }),
            e => e["subscription"]?["health"]?["state"]?.GetValue<string>() != "healthy", TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(200));
        Assert.Multiple(() =>
        {
            Assert.That(explained["status"]!.GetValue<string>(), Is.EqualTo("failed"));
            Assert.That(explained["http_status"]!.GetValue<int>(), Is.EqualTo(500));
            Assert.That(explained["error_class"]!.GetValue<string>(), Is.EqualTo("E_HTTP"));
            Assert.That(explained["error_explanation"]!.GetValue<string>(), Does.Contain("outside 2xx"));
            Assert.That(explained["response_excerpt"]!.GetValue<string>(), Is.EqualTo("down: the database is unavailable"));
            Assert.That(explained["subscription"]!["subscription_id"]!.GetValue<Guid>(), Is.EqualTo(_subscriptionId));
            Assert.That(explained["subscription"]!["health"]!["state"]!.GetValue<string>(), Is.AnyOf("degraded", "failing"));
            Assert.That(explained["hints"]!.AsArray(), Is.Not.Empty);
        });

        var retried = await session.AnswerAsync("retry_attempt", new() { ["applicationId"] = app, ["requestAttemptId"] = attemptId });
        Assert.That(retried["retried"]!.GetValue<int>(), Is.EqualTo(1));
        await _receiver.WaitForAsync(2, TimeSpan.FromSeconds(20));

        var range = new Dictionary<string, object?> { ["applicationId"] = app, ["from"] = DateTimeOffset.UtcNow.AddHours(-1), ["to"] = DateTimeOffset.UtcNow.AddMinutes(1) };
        var dry = await session.AnswerAsync("replay_events", range);
        Assert.That(dry.ToJsonString(), Is.EqualTo("""{"matching_events":1,"dry_run":true,"replayed_events":0}"""));
        await session.AssertRefusedAsync("replay_events", new(range) { ["dryRun"] = false }, "InvalidParameter");
        await session.AssertRefusedAsync("replay_events", new(range) { ["dryRun"] = false, ["expectedCount"] = 5 }, "InvalidParameter");
        Assert.That(_receiver.Received, Has.Count.EqualTo(2), "a refused replay sends nothing");
        var replayed = await session.AnswerAsync("replay_events", new(range) { ["dryRun"] = false, ["expectedCount"] = 1 });
        Assert.That(replayed["replayed_events"]!.GetValue<int>(), Is.EqualTo(1));
        await _receiver.WaitForAsync(3, TimeSpan.FromSeconds(20));

        // Issue #28: every write through MCP is audited like any other, with the assistant's credential and its channel.
        var audited = (await _host.Master().GetFromJsonAsync<JsonArray>($"/api/v1/organizations/{_tenant.OrganizationId}/audit?channel=mcp"))!;
        Assert.Multiple(() =>
        {
            Assert.That(audited.Select(r => $"{r!["entity_type"]} {r["action"]}"), Is.SupersetOf(new[] { "request_attempt retry", "event replay" }));
            Assert.That(audited.Select(r => r!["actor_kind"]!.GetValue<string>()), Is.All.EqualTo("service_token"));
            Assert.That(audited.Count(r => r!["action"]!.GetValue<string>() == "replay"), Is.EqualTo(1), "the dry run and the refused replays left none");
        });
    }

    [Test]
    public async Task A_read_only_token_reads_but_every_write_is_refused_and_changes_nothing()
    {
        var app = _tenant.ApplicationId;
        await new Scenario(_host.Master()).IngestAsync(app, _tenant.EventType);
        var failed = await Eventually.ReadAsync(
            async () => (await _host.Master().GetFromJsonAsync<JsonArray>($"/api/v1/request_attempts?application_id={app}&status=failed"))!,
            items => items.Count == 1, TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(200));
        var attemptId = failed[0]!["request_attempt_id"]!.GetValue<Guid>();
        var readOnly = Attenuated(_token, $"check if action($a), {{{string.Join(", ", Actions.ReadActions.Select(a => $"\"{a.Name}\""))}}}.contains($a)");
        await using var session = await AssistantSession.ConnectAsync(_host.Factory, readOnly);

        await session.AnswerAsync("list_applications");
        await session.AnswerAsync("list_subscriptions", new() { ["applicationId"] = app });
        var explained = await session.AnswerAsync("explain_attempt_failure", new() { ["applicationId"] = app, ["requestAttemptId"] = attemptId });
        Assert.That(explained["http_status"]!.GetValue<int>(), Is.EqualTo(500));

        var events = await Database.ScalarAsync<long>("SELECT count(*) FROM event.event");
        var attempts = await Database.ScalarAsync<long>("SELECT count(*) FROM webhook.attempt");
        await session.AssertRefusedAsync("retry_attempt", new() { ["applicationId"] = app, ["requestAttemptId"] = attemptId }, "Forbidden");
        var range = new Dictionary<string, object?> { ["applicationId"] = app, ["from"] = DateTimeOffset.UtcNow.AddHours(-1), ["to"] = DateTimeOffset.UtcNow.AddMinutes(1) };
        await session.AssertRefusedAsync("replay_events", range, "Forbidden");
        await session.AssertRefusedAsync("replay_events", new(range) { ["dryRun"] = false, ["expectedCount"] = 1 }, "Forbidden");
        await session.AssertRefusedAsync("send_test_event", new() { ["applicationId"] = app, ["eventType"] = _tenant.EventType, ["labels"] = new Dictionary<string, string> { ["env"] = "prod" } }, "Forbidden");

        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM event.event"), Is.EqualTo(events));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM webhook.attempt"), Is.EqualTo(attempts));
        Assert.That(_receiver.Received, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_token_of_another_organization_is_refused_everything()
    {
        var other = await new Scenario(_host.Master()).TenantAsync("Other");
        var app = _tenant.ApplicationId;
        var eventId = await new Scenario(_host.Master()).IngestAsync(app, _tenant.EventType);
        await using var session = await AssistantSession.ConnectAsync(_host.Factory, await ServiceTokenAsync(other.OrganizationId));
        var range = new Dictionary<string, object?> { ["applicationId"] = app, ["from"] = DateTimeOffset.UtcNow.AddHours(-1), ["to"] = DateTimeOffset.UtcNow.AddMinutes(1) };
        var calls = new Dictionary<string, Dictionary<string, object?>>
        {
            ["list_applications"] = new() { ["organizationId"] = _tenant.OrganizationId },
            ["get_application"] = new() { ["applicationId"] = app },
            ["list_event_types"] = new() { ["applicationId"] = app },
            ["get_event_type"] = new() { ["applicationId"] = app, ["eventType"] = _tenant.EventType },
            ["list_subscriptions"] = new() { ["applicationId"] = app },
            ["get_subscription"] = new() { ["subscriptionId"] = _subscriptionId },
            ["search_events"] = new() { ["applicationId"] = app },
            ["get_event"] = new() { ["applicationId"] = app, ["eventId"] = eventId },
            ["search_attempts"] = new() { ["applicationId"] = app },
            ["explain_attempt_failure"] = new() { ["applicationId"] = app, ["requestAttemptId"] = Guid.NewGuid() },
            ["retry_attempt"] = new() { ["applicationId"] = app, ["requestAttemptId"] = Guid.NewGuid() },
            ["replay_events"] = range,
            ["send_test_event"] = new() { ["applicationId"] = app, ["eventType"] = _tenant.EventType, ["labels"] = new Dictionary<string, string> { ["env"] = "prod" } },
        };
        Assert.That(calls.Keys, Is.EquivalentTo(ReadTools.Concat(WriteTools)), "every tool is tried");

        foreach (var (tool, arguments) in calls)
        {
            await session.AssertRefusedAsync(tool, arguments, "Forbidden");
        }

        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM event.event"), Is.EqualTo(1));
    }

    [Test]
    public async Task Bad_input_gets_the_problem_the_API_answers_and_changes_nothing()
    {
        var app = _tenant.ApplicationId;
        await using var session = await AssistantSession.ConnectAsync(_host.Factory, _token);

        var (refused, problem) = await session.CallAsync("send_test_event", new()
        {
            ["applicationId"] = app, ["eventType"] = _tenant.EventType, ["labels"] = new Dictionary<string, string>(),
        });
        Assert.That(refused, Is.True);
        Assert.That(problem!["id"]!.GetValue<string>(), Is.EqualTo("Validation"));
        Assert.That(problem["status"]!.GetValue<int>(), Is.EqualTo(422));
        Assert.That(problem["validation"], Is.Not.Null, problem.ToJsonString());
        await session.AssertRefusedAsync("send_test_event", new() { ["applicationId"] = app, ["eventType"] = _tenant.EventType }, "InvalidParameter");
        await session.AssertRefusedAsync("search_events", new() { ["applicationId"] = app, ["limit"] = 0 }, "InvalidParameter");
        await session.AssertRefusedAsync("search_attempts", new() { ["applicationId"] = app, ["statuses"] = new[] { "lost" } }, "InvalidParameter");
        await session.AssertRefusedAsync("search_attempts", new() { ["applicationId"] = app, ["statuses"] = Enumerable.Repeat("failed", 21).ToArray() }, "InvalidParameter");
        await session.AssertRefusedAsync("replay_events", new()
        {
            ["applicationId"] = app, ["from"] = DateTimeOffset.UtcNow.AddHours(-1), ["to"] = DateTimeOffset.UtcNow,
            ["labels"] = Enumerable.Range(0, 11).ToDictionary(i => $"k{i}", i => "v"),
        }, "InvalidParameter");

        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM event.event"), Is.Zero);
    }

    [Test]
    public async Task Without_a_token_the_endpoint_answers_a_401_problem()
    {
        var initialize = """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = RawJson(initialize) };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");

        await AssertProblemAsync(await _host.Factory.CreateClient().SendAsync(request), 401, "AuthNoAuthorizationHeader");
        Assert.ThrowsAsync(Is.InstanceOf<Exception>(), async () => await AssistantSession.ConnectAsync(_host.Factory, "not-a-token"));
    }

    private async Task<string> ServiceTokenAsync(Guid organizationId)
        => (await PostJsonAsync(_host.Master(), "/api/v1/service_token", new { organization_id = organizationId, name = "assistant" }))["biscuit"]!.GetValue<string>();

    private static string Attenuated(string token, string check)
    {
        var block = new Hook0.Biscuit.BlockBuilder();
        block.AddCheck(check);
        return Hook0.Biscuit.BiscuitToken.Parse(token, RootKey).Attenuate(block).ToBase64();
    }

    private static readonly Hook0.Biscuit.Crypto.PublicKey RootKey =
        Hook0.Biscuit.Crypto.KeyPair.FromPrivateKey("ed25519-private/" + Hook0Factory.BiscuitPrivateKey).PublicKey;
}
