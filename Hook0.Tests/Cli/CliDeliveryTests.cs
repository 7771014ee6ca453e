using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hook0.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace Hook0.Tests.Cli;

/// <summary>
/// The <c>hook0</c> commands that act on deliveries (retry, replay, tail, listen), through the built tool against the
/// built server with its workers on, delivering to a loopback receiver.
/// </summary>
[NonParallelizable]
public sealed class CliDeliveryTests : ApiTest
{
    private CliRunner _cli = null!;
    private ServerProcess _server = null!;
    private WebhookReceiver _receiver = null!;
    private HttpClient _master = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _cli = new CliRunner();
        _receiver = await WebhookReceiver.StartAsync();
        _server = ServerProcess.Start(new Dictionary<string, string?>
        {
            ["DATABASE_URL"] = Database.ConnectionString,
            ["MASTER_API_KEY"] = Hook0Factory.MasterKey,
            ["NO_AUTO_DB_MIGRATION"] = "true",
            ["DISABLE_TARGET_IP_CHECK"] = "true",
            ["DELIVERY_POLL_INTERVAL_MS"] = "200",
            // Streams end soon, so that `hook0 tail` shows its reconnection with Last-Event-ID.
            ["ATTEMPT_STREAM_MAX_SECONDS"] = "3",
        });
        await _server.WaitForLineAsync(l => l.Contains("Now listening on", StringComparison.Ordinal), TimeSpan.FromMinutes(1));
        _master = new HttpClient { BaseAddress = _server.BaseAddress };
        _master.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Hook0Factory.MasterKey);
    }

    [TearDown]
    public async Task StopAsync()
    {
        _master.Dispose();
        await _server.DisposeAsync();
        await _receiver.DisposeAsync();
        _cli.Dispose();
    }

    /// <summary>A tenant whose subscription delivers to the receiver, the CLI logged in on its application.</summary>
    private async Task<(Tenant Tenant, Guid SubscriptionId)> SubscribedAsync(object? retryPolicy = null)
    {
        var tenant = await new Scenario(_master).TenantAsync();
        var response = await _master.PostAsJsonAsync("/api/v1/subscriptions", new
        {
            application_id = tenant.ApplicationId,
            is_enabled = true,
            event_types = new[] { tenant.EventType },
            labels = new Dictionary<string, string> { ["env"] = "prod" },
            target = new { type = "http", method = "POST", url = _receiver.Url(), headers = new Dictionary<string, string>() },
            retry_policy = retryPolicy,
        });
        var subscription = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.That((int)response.StatusCode, Is.EqualTo(201), subscription.ToJsonString());
        var login = await _cli.RunAsync(Hook0Factory.MasterKey, "login", "--url", _server.BaseAddress.ToString(), "--token", "-",
            "--application", tenant.ApplicationId.ToString());
        Assert.That(login.Code, Is.EqualTo(0), login.Err);
        return (tenant, subscription["subscription_id"]!.GetValue<Guid>());
    }

    [Test]
    public async Task Retry_sends_a_dead_letter_again_and_replay_counts_before_it_sends()
    {
        _receiver.Respond = (n, ctx) =>
        {
            ctx.Response.StatusCode = n == 0 ? 500 : 200;
            return ctx.Response.WriteAsync(n == 0 ? "down" : "ok");
        };
        var (tenant, _) = await SubscribedAsync(new { max_retries = 0, schedule = new[] { 1 } });
        var from = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O");
        var eventId = await new Scenario(_master).IngestAsync(tenant.ApplicationId, tenant.EventType);
        var letters = await Eventually.ReadAsync(
            async () => await _master.GetFromJsonAsync<JsonArray>($"/api/v1/dead_letters?application_id={tenant.ApplicationId}"),
            l => l!.Count == 1, TimeSpan.FromSeconds(20));
        var to = DateTimeOffset.UtcNow.AddMinutes(1).ToString("O");

        var retried = await _cli.RunAsync(null, "retry", letters![0]!["request_attempt_id"]!.GetValue<string>());
        await _receiver.WaitForAsync(2, TimeSpan.FromSeconds(20));
        var unknown = await _cli.RunAsync(null, "retry", Guid.NewGuid().ToString());
        var counted = await _cli.RunAsync(null, "replay", "--from", from, "--to", to);
        await Task.Delay(500); // a dry run that wrongly replayed would deliver within this
        var deliveredAfterCount = _receiver.Received.Count;
        var replayed = await _cli.RunAsync(null, "replay", "--from", from, "--to", to, "--event-type", tenant.EventType, "--yes");
        await _receiver.WaitForAsync(3, TimeSpan.FromSeconds(20));
        var one = await _cli.RunAsync(null, "replay", "--event", eventId.ToString());
        await _receiver.WaitForAsync(4, TimeSpan.FromSeconds(20));
        var neither = await _cli.RunAsync(null, "replay");

        Assert.Multiple(() =>
        {
            Assert.That(retried.Code, Is.EqualTo(0), retried.Err);
            Assert.That(JsonNode.Parse(retried.Out)!["retried"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That(unknown.Code, Is.EqualTo(1));
            Assert.That(unknown.Err, Does.StartWith("NotFound:"));
            Assert.That(counted.Code, Is.EqualTo(0), counted.Err);
            Assert.That(counted.Out, Is.EqualTo("""{"dry_run":true,"matching_events":1,"replayed_events":0}"""));
            Assert.That(deliveredAfterCount, Is.EqualTo(2), "counting replays nothing");
            Assert.That(replayed.Code, Is.EqualTo(0), replayed.Err);
            Assert.That(replayed.Out.Split('\n'), Is.EqualTo(new[]
            {
                """{"dry_run":true,"matching_events":1,"replayed_events":0}""",
                """{"dry_run":false,"matching_events":1,"replayed_events":1}""",
            }));
            Assert.That(one, Is.EqualTo((0, $"{{\"replayed_event_id\":\"{eventId}\"}}", "")));
            Assert.That(neither, Is.EqualTo((1, "", "Pass --event <id>, or --from and --to for a period.")));
            Assert.That(_receiver.Received.Select(r => r.Headers["x-event-id"]).Distinct(), Is.EqualTo(new[] { eventId.ToString() }));
        });
    }

    [Test]
    public async Task Tail_prints_finished_attempts_in_order_across_a_reconnection()
    {
        var (tenant, _) = await SubscribedAsync();
        var scenario = new Scenario(_master);
        await using var tail = _cli.Start("tail", "--count", "4");
        await tail.WaitForLineAsync(l => l == "Streaming request attempts from now", TimeSpan.FromSeconds(30));
        var events = new List<Guid>();
        async Task DeliverAsync()
        {
            events.Add(await scenario.IngestAsync(tenant.ApplicationId, tenant.EventType));
            await _receiver.WaitForAsync(events.Count, TimeSpan.FromSeconds(20));
        }

        await DeliverAsync();
        await DeliverAsync();
        // The server closes the stream at its maximum duration; the tail reconnects after the last id it printed.
        await tail.WaitForLineAsync(l => l.StartsWith("Streaming request attempts after ", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        await DeliverAsync();
        await DeliverAsync();
        var code = await tail.WaitForExitAsync(TimeSpan.FromSeconds(30));

        var printed = tail.Output.Where(l => l.StartsWith('{')).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(0));
            Assert.That(printed.Select(a => a["event_id"]!.GetValue<Guid>()), Is.EqualTo(events), "each once, in order");
            Assert.That(printed.Select(a => a["status"]!["type"]!.GetValue<string>()), Is.All.EqualTo("successful"));
        });
    }
}
