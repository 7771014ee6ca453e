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

    private async Task<JsonNode> CliSubscriptionAsync(Tenant tenant)
    {
        var response = await _master.PostAsJsonAsync("/api/v1/subscriptions", new
        {
            application_id = tenant.ApplicationId,
            is_enabled = true,
            event_types = new[] { tenant.EventType },
            labels = new Dictionary<string, string> { ["env"] = "prod" },
            target = new { type = "cli" },
        });
        var subscription = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.That((int)response.StatusCode, Is.EqualTo(201), subscription.ToJsonString());
        return subscription;
    }

    [Test]
    public async Task Listen_forwards_signed_deliveries_records_the_local_answer_and_a_disconnect_mid_delivery_is_released_not_lost()
    {
        var scenario = new Scenario(_master);
        var tenant = await scenario.TenantAsync();
        var subscription = await CliSubscriptionAsync(tenant);
        var subscriptionId = subscription["subscription_id"]!.GetValue<string>();
        var login = await _cli.RunAsync(Hook0Factory.MasterKey, "login", "--url", _server.BaseAddress.ToString(), "--token", "-",
            "--application", tenant.ApplicationId.ToString());
        Assert.That(login.Code, Is.EqualTo(0), login.Err);
        var hold = new TaskCompletionSource();
        _receiver.Respond = async (n, ctx) =>
        {
            if (n == 2)
            {
                await hold.Task; // the third delivery is still with the local receiver when its session dies
            }

            ctx.Response.StatusCode = n == 0 ? 201 : 200;
            ctx.Response.Headers["x-local"] = "yes";
            await ctx.Response.WriteAsync("hello from local");
        };

        // Before any listener: the attempt waits, unclaimed.
        var waiting = await scenario.IngestAsync(tenant.ApplicationId, tenant.EventType);
        await Task.Delay(1000); // several polls of the server's workers, none of which may take it
        var waitingRow = await Database.ScalarAsync<string>(
            $"SELECT attempt_number || ',' || (lease_until IS NULL) || ',' || metered FROM webhook.delivery_queue WHERE event_id = '{waiting}'");

        var listen = _cli.Start("listen", "--subscription", subscriptionId, "--forward", _receiver.Url("/webhooks"));
        await listen.WaitForLineAsync(l => l.StartsWith("Listening for subscription", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        await _receiver.WaitForAsync(1, TimeSpan.FromSeconds(20));
        var second = await scenario.IngestAsync(tenant.ApplicationId, tenant.EventType);
        await _receiver.WaitForAsync(2, TimeSpan.FromSeconds(20));
        await Eventually.HoldsAsync(async () => await Database.ScalarAsync<long>("SELECT count(*) FROM webhook.attempt") == 2, TimeSpan.FromSeconds(20));
        var firstRecord = await Database.ScalarAsync<string>(
            $"SELECT outcome || ',' || attempt_number || ',' || http_code || ',' || convert_from(response_body, 'UTF8') || ',' || (response_headers::jsonb->>'x-local') FROM webhook.attempt WHERE event_id = '{waiting}'");

        // A disconnect mid-delivery: the attempt is released (due again as it was), then delivered to the next session.
        var third = await scenario.IngestAsync(tenant.ApplicationId, tenant.EventType);
        await _receiver.WaitForAsync(3, TimeSpan.FromSeconds(20));
        await listen.KillAsync();
        var released = await Eventually.ReadAsync(
            () => Database.ScalarAsync<string>($"SELECT attempt_number || ',' || (lease_until IS NULL) FROM webhook.delivery_queue WHERE event_id = '{third}'"),
            v => v == "0,true", TimeSpan.FromSeconds(20));
        var failedTries = await Database.ScalarAsync<long>($"SELECT count(*) FROM webhook.attempt WHERE event_id = '{third}'");
        hold.SetResult();
        await listen.DisposeAsync();
        await using var again = _cli.Start("listen", "--subscription", subscriptionId, "--forward", _receiver.Url("/webhooks"));
        await _receiver.WaitForAsync(4, TimeSpan.FromSeconds(30));
        var thirdRecord = await Eventually.ReadAsync(
            () => Database.ScalarAsync<string>($"SELECT outcome || ',' || attempt_number FROM webhook.attempt WHERE event_id = '{third}'"),
            v => v is not null, TimeSpan.FromSeconds(20));

        var secret = subscription["secret"]!.GetValue<string>();
        var verifier = new Hook0.Receiver.WebhookVerifier(new Hook0.Receiver.WebhookVerifierOptions { Secrets = { secret } });
        var deliveries = _receiver.Received.ToList();
        Assert.Multiple(() =>
        {
            Assert.That(subscription["target"]!["type"]!.GetValue<string>(), Is.EqualTo("cli"));
            Assert.That(waitingRow, Is.EqualTo("0,true,true"), "no retry consumed, never claimed while nobody listens");
            Assert.That(deliveries.Select(d => d.Headers["x-event-id"]), Is.EqualTo(new[] { waiting, second, third, third }.Select(e => e.ToString())));
            Assert.That(deliveries.Select(d => d.Path), Is.All.EqualTo("/webhooks"));
            Assert.That(deliveries.Select(d => verifier.Verify(d.Body, h => d.Headers.GetValueOrDefault(h.ToLowerInvariant())).IsValid), Is.All.True,
                "signed like an HTTP delivery");
            Assert.That(deliveries[0].Headers.ContainsKey("x-hook0-signature") && deliveries[0].Headers.ContainsKey("webhook-signature"), Is.True);
            Assert.That(firstRecord, Is.EqualTo("succeeded,0,201,hello from local,yes"), "the local answer is the attempt's response");
            Assert.That(released, Is.EqualTo("0,true"));
            Assert.That(failedTries, Is.EqualTo(0), "a lost session records no failed try");
            Assert.That(thirdRecord, Is.EqualTo("succeeded,0"), "retried, not lost, and no retry consumed");
        });
    }

    [Test]
    public async Task Only_the_subscriptions_organization_may_listen_and_only_to_a_cli_subscription()
    {
        var scenario = new Scenario(_master);
        var tenant = await scenario.TenantAsync();
        var other = await scenario.TenantAsync("Other");
        var cli = (await CliSubscriptionAsync(tenant))["subscription_id"]!.GetValue<string>();
        var http = (await scenario.SubscriptionAsync(tenant.ApplicationId, [tenant.EventType]))["subscription_id"]!.GetValue<string>();
        using var outsider = new CliRunner();
        var outsiderLogin = await outsider.RunAsync(other.Secret, "login", "--url", _server.BaseAddress.ToString(), "--token", "-");
        var owner = await _cli.RunAsync(tenant.Secret, "login", "--url", _server.BaseAddress.ToString(), "--token", "-");
        Assert.That((outsiderLogin.Code, owner.Code), Is.EqualTo((0, 0)));

        var foreign = await outsider.RunAsync(null, "listen", "--subscription", cli, "--forward", _receiver.Url());
        var notCli = await _cli.RunAsync(null, "listen", "--subscription", http, "--forward", _receiver.Url());
        var unknown = await _cli.RunAsync(null, "listen", "--subscription", Guid.NewGuid().ToString(), "--forward", _receiver.Url());
        var badUrl = await _cli.RunAsync(null, "listen", "--subscription", cli, "--forward", "ftp://localhost/");
        var created = await _cli.RunAsync(null, "subscriptions", "create", "--cli", "--event-type", tenant.EventType, "--label", "env=prod",
            "--application", tenant.ApplicationId.ToString());
        var noTarget = await _cli.RunAsync(null, "subscriptions", "create", "--event-type", tenant.EventType, "--label", "env=prod",
            "--application", tenant.ApplicationId.ToString());
        var badBody = await _master.PostAsJsonAsync("/api/v1/subscriptions", new
        {
            application_id = tenant.ApplicationId,
            is_enabled = true,
            event_types = new[] { tenant.EventType },
            labels = new Dictionary<string, string> { ["env"] = "prod" },
            target = new { type = "cli", url = "https://example.com/" },
        });

        Assert.Multiple(async () =>
        {
            Assert.That(foreign.Code, Is.EqualTo(1));
            Assert.That(foreign.Err, Does.StartWith("Forbidden:"), foreign.Err);
            Assert.That(notCli.Code, Is.EqualTo(1));
            Assert.That(notCli.Err, Does.StartWith("InvalidParameter:"), notCli.Err);
            Assert.That(unknown.Err, Does.StartWith("NotFound:"), unknown.Err);
            Assert.That(badUrl, Is.EqualTo((1, "", "--forward takes an http(s) URL, not 'ftp://localhost/'.")));
            Assert.That(created.Code, Is.EqualTo(0), created.Err);
            Assert.That(JsonNode.Parse(created.Out)!["target"]!["type"]!.GetValue<string>(), Is.EqualTo("cli"));
            Assert.That(noTarget, Is.EqualTo((1, "", "Pass either --url or --cli.")));
            await AssertProblemAsync(badBody, 400, "JsonPayload");
        });
    }
}
