using System.Net.Http.Json;
using System.Text;
using Hook0.Modules.Delivery.Sending.Signing;
using Hook0.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace Hook0.Tests.Delivery;

/// <summary>The delivery worker against real loopback receivers.</summary>
[NonParallelizable]
public sealed class DeliveryWorkerTests : ApiTest
{
    private DeliveryHost _host = null!;
    private WebhookReceiver _receiver = null!;

    [OneTimeSetUp]
    public void StartHost() => _host = new DeliveryHost();

    [OneTimeTearDown]
    public async Task StopHostAsync() => await _host.DisposeAsync();

    [SetUp]
    public async Task StartReceiverAsync() => _receiver = await WebhookReceiver.StartAsync();

    [TearDown]
    public async Task StopReceiverAsync() => await _receiver.DisposeAsync();

    private async Task<(Tenant Tenant, Guid SubscriptionId, Guid Secret)> SubscribeAsync(string? url = null, object? retryPolicy = null, Dictionary<string, string>? headers = null)
    {
        var scenario = new Scenario(_host.Master());
        var tenant = await scenario.TenantAsync();
        var body = new Dictionary<string, object?>
        {
            ["application_id"] = tenant.ApplicationId, ["is_enabled"] = true, ["event_types"] = new[] { tenant.EventType },
            ["labels"] = new Dictionary<string, string> { ["env"] = "prod" },
            ["target"] = new { type = "http", method = "POST", url = url ?? _receiver.Url(), headers = headers ?? new Dictionary<string, string> { ["X-Custom"] = "yes" } },
            ["retry_policy"] = retryPolicy,
        };
        var sub = await PostJsonAsync(_host.Master(), "/api/v1/subscriptions", body.Where(kv => kv.Value is not null).ToDictionary());
        return (tenant, sub["subscription_id"]!.GetValue<Guid>(), sub["secret"]!.GetValue<Guid>());
    }

    private async Task<Guid> IngestAsync(Tenant tenant, string payload = "{\"amount\":42}")
        => await new Scenario(_host.Master()).IngestAsync(tenant.ApplicationId, tenant.EventType, payload: payload);

    [Test]
    public async Task An_event_reaches_its_endpoint_signed_with_upstreams_headers()
    {
        var (tenant, _, secret) = await SubscribeAsync();
        var eventId = await IngestAsync(tenant);

        var request = (await _receiver.WaitForAsync(1, TimeSpan.FromSeconds(10)))[0];

        Assert.Multiple(() =>
        {
            Assert.That(request.Method, Is.EqualTo("POST"));
            Assert.That(Encoding.UTF8.GetString(request.Body), Is.EqualTo("{\"amount\":42}"));
            Assert.That(request.Headers["content-type"], Is.EqualTo("application/json"));
            Assert.That(request.Headers["x-event-id"], Is.EqualTo(eventId.ToString()));
            Assert.That(request.Headers["x-event-type"], Is.EqualTo(tenant.EventType));
            Assert.That(request.Headers["x-custom"], Is.EqualTo("yes"));
            Assert.That(request.Headers["user-agent"], Does.StartWith("hook0-output-worker/"));
            Assert.That(request.Headers["x-hook0-signature"], Does.Match("^t=\\d+,h=content-type x-custom x-event-id x-event-type,v1=[0-9a-f]{64}$"));
        });
        var verdict = SignatureVerifier.Verify(request.Headers["x-hook0-signature"], request.Body, n => request.Headers.GetValueOrDefault(n),
            secret.ToString(), DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));
        Assert.That(verdict, Is.EqualTo(SignatureVerdict.Accepted));

        var attempt = await Eventually.ReadAsync(() => Database.ScalarAsync<string>("SELECT CASE WHEN outcome = 'succeeded' THEN completed_at::text ELSE '' END || '|' || coalesce(http_code::text, '') FROM webhook.attempt a"),
            v => v is not null && !v.StartsWith('|'), TimeSpan.FromSeconds(5));
        Assert.That(attempt, Does.EndWith("|200"));
    }

    [Test]
    public async Task The_npm_sdk_verifies_the_signature()
    {
        var (tenant, _, secret) = await SubscribeAsync();
        await IngestAsync(tenant);
        var request = (await _receiver.WaitForAsync(1, TimeSpan.FromSeconds(10)))[0];
        var headers = System.Text.Json.JsonSerializer.Serialize(request.Headers);

        var output = await NodeRunner.RunAsync("sdk/verify-signature.cjs", request.Headers["x-hook0-signature"], Convert.ToBase64String(request.Body), headers, secret.ToString());

        Assert.That(output.Trim(), Is.EqualTo("valid"));
    }

    [Test]
    public async Task A_failure_is_retried_on_the_subscriptions_schedule_until_success()
    {
        _receiver.Respond = (n, ctx) => n == 0 ? Status(ctx, 500, "boom") : ctx.Response.WriteAsync("ok");
        var (tenant, _, _) = await SubscribeAsync(retryPolicy: new { max_retries = 3, schedule = new[] { 1 } });
        await IngestAsync(tenant);

        await _receiver.WaitForAsync(2, TimeSpan.FromSeconds(15));
        var rows = await Eventually.ReadAsync(() => Database.ScalarAsync<string>(
                "SELECT string_agg(attempt_number || ':' || coalesce(http_code::text, '-') || ':' || CASE WHEN outcome = 'succeeded' THEN 'ok' ELSE 'failed' END, ',' ORDER BY attempt_number) FROM webhook.attempt"),
            v => v == "0:500:failed,1:200:ok", TimeSpan.FromSeconds(5));
        Assert.That(rows, Is.EqualTo("0:500:failed,1:200:ok"));
        var gap = _receiver.Received.ElementAt(1).At - _receiver.Received.ElementAt(0).At;
        Assert.That(gap, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(0.9)), "the schedule's 1 s (plus jitter) was waited");
    }

    [Test]
    public async Task A_429_retry_after_pushes_the_next_try_back()
    {
        _receiver.Respond = (_, ctx) =>
        {
            ctx.Response.Headers.RetryAfter = "120";
            return Status(ctx, 429, "slow down");
        };
        var (tenant, _, _) = await SubscribeAsync(retryPolicy: new { max_retries = 3, schedule = new[] { 1 } });
        await IngestAsync(tenant);

        var seconds = await Eventually.ReadAsync(() => Database.ScalarAsync<double?>("SELECT extract(epoch FROM due_at - created_at) FROM webhook.delivery_queue WHERE attempt_number = 1"),
            v => v is not null, TimeSpan.FromSeconds(10));
        Assert.That(seconds, Is.InRange(119.0, 125.0));
    }

    [Test]
    public async Task A_410_disables_the_subscription_and_stops()
    {
        _receiver.Respond = (_, ctx) => Status(ctx, 410, "gone");
        var (tenant, subscriptionId, _) = await SubscribeAsync();
        await IngestAsync(tenant);

        var state = await Eventually.ReadAsync(() => Database.ScalarAsync<string>($"SELECT is_enabled::text FROM webhook.subscription WHERE subscription_id = '{subscriptionId}'"),
            v => v == "false", TimeSpan.FromSeconds(10));
        Assert.That(state, Is.EqualTo("false"));
        Assert.That(await Database.ScalarAsync<string>("SELECT outcome || ':' || reason FROM webhook.attempt"), Is.EqualTo("given_up:gone_410"));
        Assert.That(await Database.ScalarAsync<long>("SELECT (SELECT count(*) FROM webhook.attempt) + (SELECT count(*) FROM webhook.delivery_queue)"), Is.EqualTo(1), "no retry");
    }

    [TestCase("timeout", "E_TIMEOUT")]
    [TestCase("refused", "E_CONNECTION")]
    [TestCase("redirect", "E_HTTP")]
    public async Task Failures_are_recorded_with_their_error_class(string kind, string expected)
    {
        _receiver.Respond = kind switch
        {
            "timeout" => async (_, ctx) => await Task.Delay(TimeSpan.FromSeconds(6), ctx.RequestAborted),
            "redirect" => (_, ctx) =>
            {
                ctx.Response.Headers.Location = "/elsewhere";
                return Status(ctx, 302, "moved");
            },
            _ => _receiver.Respond,
        };
        var url = kind == "refused" ? $"http://127.0.0.1:{FreePort()}/hook" : _receiver.Url();
        var (tenant, _, _) = await SubscribeAsync(url, retryPolicy: new { max_retries = 0, schedule = new[] { 1 } });
        await IngestAsync(tenant);

        var error = await Eventually.ReadAsync(() => Database.ScalarAsync<string>("SELECT response_error_name FROM webhook.attempt"),
            v => v is not null, TimeSpan.FromSeconds(15));
        Assert.That(error, Is.EqualTo(expected));
        Assert.That(_receiver.Received.Any(r => r.Path == "/elsewhere"), Is.False, "redirects are never followed");
    }

    [Test]
    public async Task A_huge_response_body_is_stored_capped_and_flagged()
    {
        _receiver.Respond = (_, ctx) => ctx.Response.WriteAsync(new string('x', 200 * 1024));
        var (tenant, _, _) = await SubscribeAsync();
        await IngestAsync(tenant);

        var length = await Eventually.ReadAsync(() => Database.ScalarAsync<long?>("SELECT length(response_body) FROM webhook.attempt WHERE response_body_truncated"),
            v => v is not null, TimeSpan.FromSeconds(10));
        Assert.That(length, Is.EqualTo(64 * 1024));
    }

    [Test]
    public async Task Exhausted_attempts_become_dead_letters_that_can_be_retried()
    {
        _receiver.Respond = (n, ctx) => n == 0 ? Status(ctx, 500, "down") : ctx.Response.WriteAsync("ok");
        var (tenant, subscriptionId, _) = await SubscribeAsync(retryPolicy: new { max_retries = 0, schedule = new[] { 1 } });
        await IngestAsync(tenant);
        var client = _host.Master();

        var letters = await Eventually.ReadAsync(async () => (await JsonAsync(await client.GetAsync($"/api/v1/dead_letters?application_id={tenant.ApplicationId}"))).AsArray(),
            l => l.Count == 1, TimeSpan.FromSeconds(10));
        Assert.That(letters, Has.Count.EqualTo(1));
        var dry = await JsonAsync(await client.PostAsJsonAsync("/api/v1/dead_letters/retry", new { application_id = tenant.ApplicationId, subscription_id = subscriptionId }));
        Assert.That(dry.ToJsonString(), Is.EqualTo("""{"matching_attempts":1,"dry_run":true,"retried":0}"""));

        var retried = await JsonAsync(await client.PostAsJsonAsync($"/api/v1/dead_letters/{letters[0]!["request_attempt_id"]}/retry", new { application_id = tenant.ApplicationId }));
        Assert.That(retried["retried"]!.GetValue<int>(), Is.EqualTo(1));
        await _receiver.WaitForAsync(2, TimeSpan.FromSeconds(10));
        var after = await Eventually.ReadAsync(async () => (await JsonAsync(await client.GetAsync($"/api/v1/dead_letters?application_id={tenant.ApplicationId}"))).AsArray(),
            l => l.Count == 0, TimeSpan.FromSeconds(5));
        Assert.That(after, Is.Empty);
        Assert.That(await Eventually.ReadAsync(() => Database.ScalarAsync<long>("SELECT count(*) FROM webhook.attempt WHERE outcome = 'succeeded'"), c => c == 1, TimeSpan.FromSeconds(5)), Is.EqualTo(1));
    }

    [Test]
    public async Task A_paused_subscription_keeps_its_attempts_until_resumed()
    {
        var (tenant, subscriptionId, _) = await SubscribeAsync();
        var client = _host.Master();
        var paused = await JsonAsync(await client.PostAsJsonAsync($"/api/v1/subscriptions/{subscriptionId}/pause", new { application_id = tenant.ApplicationId }));
        Assert.That(paused["is_paused"]!.GetValue<bool>(), Is.True);
        await IngestAsync(tenant);
        await IngestAsync(tenant);

        await Task.Delay(1500);
        Assert.That(_receiver.Received, Is.Empty, "nothing is delivered while paused");
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM webhook.delivery_queue"), Is.EqualTo(2));

        await client.PostAsJsonAsync($"/api/v1/subscriptions/{subscriptionId}/resume", new { application_id = tenant.ApplicationId });
        await _receiver.WaitForAsync(2, TimeSpan.FromSeconds(10));
    }

    [Test]
    public async Task A_rate_limited_endpoint_is_called_at_most_that_often()
    {
        var (tenant, subscriptionId, _) = await SubscribeAsync();
        var body = (await JsonAsync(await _host.Master().GetAsync($"/api/v1/subscriptions/{subscriptionId}"))).AsObject()
            .Where(kv => kv.Key != "dedicated_workers").ToDictionary(kv => kv.Key, kv => kv.Value?.DeepClone());
        body["rate_limit_per_second"] = 2;
        Assert.That((int)(await _host.Master().PutAsJsonAsync($"/api/v1/subscriptions/{subscriptionId}", body)).StatusCode, Is.EqualTo(200));
        await _host.Master().PostAsJsonAsync("/api/v1/events/batch", Enumerable.Range(0, 6).Select(_ => Scenario.Event(tenant.ApplicationId, tenant.EventType)).ToArray());

        var received = await _receiver.WaitForAsync(6, TimeSpan.FromSeconds(15));

        // A token bucket (ADR 0016): a burst of the rate, then the rate. 6 calls at 2 per second: 2 at once, then one
        // every half second, so they span about two seconds, and no second holds more than burst + rate = 4 calls.
        var times = received.Select(r => r.At).Order().ToList();
        Assert.That(times[^1] - times[0], Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(1.8)), "6 calls at 2 per second after a burst of 2 span two seconds");
        for (var i = 4; i < times.Count; i++)
        {
            Assert.That(times[i] - times[i - 4], Is.GreaterThan(TimeSpan.FromSeconds(0.95)), "never more than 4 calls within one second");
        }
    }

    private static Task Status(HttpContext ctx, int status, string body)
    {
        ctx.Response.StatusCode = status;
        return ctx.Response.WriteAsync(body);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
