using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hook0.Modules.Delivery.Sending;
using Hook0.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Hook0.Tests.Delivery.Protection;

/// <summary>
/// The breaker and the adaptive rate end to end against a loopback receiver, one worker round at a time (the workers'
/// own loop off). Time never passes by waiting: a cool-down's end is reached by moving the lane's hold into the past, as
/// the database clock would.
/// </summary>
[NonParallelizable]
public sealed class CircuitBreakerDeliveryTests : ReceiverHostTest
{
    private DeliveryWorker Worker => Host.Services.GetRequiredService<DeliveryWorker>();

    private async Task<(Tenant Tenant, Guid SubscriptionId)> SubscribeAsync(int? threshold = null, int? rateLimit = null)
    {
        var tenant = await new Scenario(Host.Master()).TenantAsync();
        var body = new Dictionary<string, object?>
        {
            ["application_id"] = tenant.ApplicationId, ["is_enabled"] = true, ["event_types"] = new[] { tenant.EventType },
            ["labels"] = new Dictionary<string, string> { ["env"] = "prod" },
            ["target"] = new { type = "http", method = "POST", url = Receiver.Url(), headers = new Dictionary<string, string>() },
            ["retry_policy"] = new { max_retries = 5, schedule = new[] { 60 } },
            ["circuit_breaker_threshold"] = threshold, ["rate_limit_per_second"] = rateLimit,
        };
        var sub = await PostJsonAsync(Host.Master(), "/api/v1/subscriptions", body.Where(kv => kv.Value is not null).ToDictionary());
        return (tenant, sub["subscription_id"]!.GetValue<Guid>());
    }

    private async Task IngestAsync(Tenant tenant, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await new Scenario(Host.Master()).IngestAsync(tenant.ApplicationId, tenant.EventType);
        }
    }

    private async Task<int> RoundAsync()
    {
        var started = await Worker.RunOnceAsync(32, true, CancellationToken.None);
        await Task.WhenAll(started);
        return started.Count;
    }

    private async Task<JsonNode> SubscriptionAsync(Tenant tenant, Guid id)
        => JsonNode.Parse(await Host.Master().GetStringAsync($"/api/v1/subscriptions/{id}?application_id={tenant.ApplicationId}"))!;

    /// <summary>Every queued attempt due now (their retry delays elapsed), as the clock would make them.</summary>
    private static Task AllDueAsync(Guid id) => Database.ExecuteAsync($"UPDATE webhook.delivery_queue SET due_at = now() WHERE subscription_id = '{id}'");

    /// <summary>The cool-down (or Retry-After hold) ended.</summary>
    private static Task CooledDownAsync(Guid id) => Database.ExecuteAsync($"UPDATE webhook.delivery_lane SET held_until = now() - interval '1 second' WHERE subscription_id = '{id}'");

    private static Task<string?> QueuedAsync(Guid id)
        => Database.ScalarAsync<string>($"SELECT string_agg(attempt_number || ':' || metered, ',' ORDER BY attempt_number) FROM webhook.delivery_queue WHERE subscription_id = '{id}'");

    private static Task<long> EventsAsync(Guid id, string type)
        => Database.ScalarAsync<long>($"SELECT count(*) FROM webhook.operational_event WHERE subscription_id = '{id}' AND event_type = '{type}'");

    private static Task Status(HttpContext ctx, int status)
    {
        ctx.Response.StatusCode = status;
        return ctx.Response.WriteAsync("no");
    }

    [Test]
    public async Task Failures_open_the_circuit_nothing_goes_during_the_cool_down_a_failed_probe_re_opens_it_a_good_one_closes_it_and_no_retry_is_consumed_meanwhile()
    {
        Receiver.Respond = (_, ctx) => Status(ctx, 500);
        var (tenant, id) = await SubscribeAsync(threshold: 3);
        await IngestAsync(tenant, 5);

        Assert.That(await RoundAsync(), Is.EqualTo(5), "closed: the open path sends everything");
        var opened = await SubscriptionAsync(tenant, id);
        Assert.Multiple(async () =>
        {
            Assert.That(opened["circuit"]!["state"]!.GetValue<string>(), Is.EqualTo("open"));
            Assert.That(opened["circuit"]!["reason"]!.GetValue<string>(), Is.EqualTo("HTTP 500"));
            Assert.That(opened["circuit"]!["consecutive_failures"]!.GetValue<int>(), Is.EqualTo(5), "the two failures recorded after the opening count too");
            Assert.That(opened["circuit_breaker_threshold"]!.GetValue<int>(), Is.EqualTo(3));
            Assert.That(await EventsAsync(id, "hook0.subscription.circuit_opened"), Is.EqualTo(1));
            Assert.That(await Database.ScalarAsync<double>($"SELECT extract(epoch FROM held_until - circuit_changed_at) FROM webhook.delivery_lane WHERE subscription_id = '{id}'"),
                Is.EqualTo(30).Within(0.01), "the first cool-down: CIRCUIT_BREAKER_COOLDOWN_IN_S");
        });

        await AllDueAsync(id);
        Assert.That(await RoundAsync(), Is.Zero, "cooling down: nothing is claimed, though the retries are due");
        Assert.That(Receiver.Received, Has.Count.EqualTo(5));
        Assert.That(await QueuedAsync(id), Is.EqualTo("1:true,1:true,1:true,1:true,1:true"), "the retries wait on the lane, none consumed");

        await CooledDownAsync(id);
        Assert.That(await RoundAsync(), Is.EqualTo(1), "half-open: one probe");
        Assert.That(await RoundAsync(), Is.Zero, "the failed probe re-opened the circuit");
        Assert.That(await Database.ScalarAsync<double>($"SELECT extract(epoch FROM held_until - circuit_changed_at) FROM webhook.delivery_lane WHERE subscription_id = '{id}'"),
            Is.EqualTo(60).Within(0.01), "the re-open's cool-down is twice as long");
        Assert.That(await EventsAsync(id, "hook0.subscription.circuit_opened"), Is.EqualTo(1), "a re-open tells nothing new");

        Receiver.Respond = (_, ctx) => ctx.Response.WriteAsync("ok");
        await CooledDownAsync(id);
        await AllDueAsync(id);
        Assert.That(await RoundAsync(), Is.EqualTo(1), "half-open again: one probe, which succeeds");
        var closed = await SubscriptionAsync(tenant, id);
        Assert.Multiple(async () =>
        {
            Assert.That(closed["circuit"]!["state"]!.GetValue<string>(), Is.EqualTo("closed"));
            Assert.That(closed["circuit"]!["consecutive_failures"]!.GetValue<int>(), Is.Zero);
            Assert.That(await EventsAsync(id, "hook0.subscription.circuit_closed"), Is.EqualTo(1));
            Assert.That(await Database.ScalarAsync<string>($"SELECT count(*) || ':' || bool_or(metered) FROM webhook.delivery_queue WHERE subscription_id = '{id}'"),
                Is.EqualTo("4:false"), "back on the open path with the lane");
        });

        Assert.That(await RoundAsync(), Is.EqualTo(4));
        Assert.That(await Database.ScalarAsync<string>($"""
            SELECT string_agg(n::text, ',' ORDER BY n) FROM (SELECT max(attempt_number) AS n FROM webhook.attempt WHERE subscription_id = '{id}' AND outcome = 'succeeded' GROUP BY event_id) x
            """), Is.EqualTo("1,1,1,1,2"), "each event took one retry (two for the probe that failed), whatever the time spent behind the open circuit");
    }

    [Test]
    public async Task A_reset_closes_the_circuit_by_hand_and_puts_the_waiting_attempts_back_on_the_open_path()
    {
        Receiver.Respond = (_, ctx) => Status(ctx, 500);
        var (tenant, id) = await SubscribeAsync(threshold: 1);
        await IngestAsync(tenant, 1);
        await RoundAsync();
        Assert.That((await SubscriptionAsync(tenant, id))["circuit"]!["state"]!.GetValue<string>(), Is.EqualTo("open"));

        var reset = await PostJsonAsync(Host.Master(), $"/api/v1/subscriptions/{id}/circuit/reset", new { application_id = tenant.ApplicationId }, 200);
        Assert.Multiple(async () =>
        {
            Assert.That(reset["circuit"]!["state"]!.GetValue<string>(), Is.EqualTo("closed"));
            Assert.That(reset["adaptive_rate_per_second"], Is.Null);
            Assert.That(await QueuedAsync(id), Is.EqualTo("1:false"));
            Assert.That(await Database.ScalarAsync<string>($"SELECT data->>'reason' FROM webhook.operational_event WHERE subscription_id = '{id}' AND event_type = 'hook0.subscription.circuit_closed'"),
                Is.EqualTo("reset by a user"));
        });

        var missing = await Host.Master().PostAsJsonAsync($"/api/v1/subscriptions/{Guid.NewGuid()}/circuit/reset", new { application_id = tenant.ApplicationId });
        await AssertProblemAsync(missing, 404, "NotFound");
    }

    [Test]
    public async Task A_pause_and_resume_keep_an_open_circuit_and_its_waiting_attempts_on_the_lane()
    {
        Receiver.Respond = (_, ctx) => Status(ctx, 500);
        var (tenant, id) = await SubscribeAsync(threshold: 1);
        await IngestAsync(tenant, 1);
        await RoundAsync();
        await PostJsonAsync(Host.Master(), $"/api/v1/subscriptions/{id}/pause", new { application_id = tenant.ApplicationId }, 200);
        var resumed = await PostJsonAsync(Host.Master(), $"/api/v1/subscriptions/{id}/resume", new { application_id = tenant.ApplicationId }, 200);

        Assert.That(resumed["circuit"]!["state"]!.GetValue<string>(), Is.EqualTo("open"));
        Assert.That(await Database.ScalarAsync<bool>($"SELECT metered FROM webhook.delivery_lane WHERE subscription_id = '{id}'"), Is.True, "resuming does not unmeter an open circuit");
        Assert.That(await QueuedAsync(id), Is.EqualTo("1:true"));
        await AllDueAsync(id);
        Assert.That(await RoundAsync(), Is.Zero, "still cooling down");
    }

    [Test]
    public async Task A_429_lowers_the_rate_holds_the_lane_for_its_Retry_After_and_successes_bring_the_lane_back_to_its_limit()
    {
        Receiver.Respond = (_, ctx) =>
        {
            ctx.Response.Headers.RetryAfter = "120";
            return Status(ctx, 429);
        };
        var (tenant, id) = await SubscribeAsync(rateLimit: 20);
        await IngestAsync(tenant, 1);
        Assert.That(await RoundAsync(), Is.EqualTo(1));

        var throttled = await SubscriptionAsync(tenant, id);
        Assert.Multiple(async () =>
        {
            Assert.That(throttled["adaptive_rate_per_second"]!.GetValue<double>(), Is.EqualTo(18), "×0.9 of the configured 20/s");
            Assert.That(throttled["circuit"]!["state"]!.GetValue<string>(), Is.EqualTo("closed"), "one failure is far from the threshold");
            Assert.That(await Database.ScalarAsync<double>($"SELECT extract(epoch FROM held_until - now()) FROM webhook.delivery_lane WHERE subscription_id = '{id}'"),
                Is.InRange(100.0, 120.0), "the receiver's Retry-After holds the whole lane");
        });
        await AllDueAsync(id);
        Assert.That(await RoundAsync(), Is.Zero, "held by Retry-After");

        Receiver.Respond = (_, ctx) => ctx.Response.WriteAsync("ok");
        await CooledDownAsync(id);
        // As if the rate had climbed for longer than it takes to get back to 20/s (1/s per second).
        await Database.ExecuteAsync($"UPDATE webhook.delivery_lane SET adaptive_changed_at = now() - interval '5 seconds' WHERE subscription_id = '{id}'");
        Assert.That(await RoundAsync(), Is.EqualTo(1));
        Assert.That((await SubscriptionAsync(tenant, id))["adaptive_rate_per_second"], Is.Null, "recovered to the configured limit: no adaptive rate any more");
        Assert.That(await Database.ScalarAsync<bool>($"SELECT metered FROM webhook.delivery_lane WHERE subscription_id = '{id}'"), Is.True,
            "still metered by its own rate limit");
    }

    [Test]
    public async Task An_unlimited_subscription_throttled_by_a_503_becomes_metered_and_returns_to_the_open_path_at_the_ceiling()
    {
        Receiver.Respond = (_, ctx) => Status(ctx, 503);
        var (tenant, id) = await SubscribeAsync();
        await IngestAsync(tenant, 1);
        await RoundAsync();
        Assert.That((await SubscriptionAsync(tenant, id))["adaptive_rate_per_second"]!.GetValue<double>(), Is.EqualTo(900), "×0.9 of ADAPTIVE_RATE_CEILING_PER_SECOND");
        Assert.That(await Database.ScalarAsync<bool>($"SELECT metered FROM webhook.delivery_lane WHERE subscription_id = '{id}'"), Is.True);

        Receiver.Respond = (_, ctx) => ctx.Response.WriteAsync("ok");
        await AllDueAsync(id);
        await Database.ExecuteAsync($"UPDATE webhook.delivery_lane SET adaptive_changed_at = now() - interval '200 seconds' WHERE subscription_id = '{id}'");
        Assert.That(await QueuedAsync(id), Is.EqualTo("1:true"), "the retry waits on the lane");
        Assert.That(await RoundAsync(), Is.EqualTo(1));
        Assert.That(await Database.ScalarAsync<string>($"SELECT metered || ':' || (adaptive_rate_per_second IS NULL) || ':' || (unmetered_at IS NOT NULL) FROM webhook.delivery_lane WHERE subscription_id = '{id}'"),
            Is.EqualTo("false:true:true"), "unthrottled: back on the open path");
    }

    [Test]
    public async Task The_threshold_is_validated_and_kept_by_an_update_that_omits_it()
    {
        var tenant = await new Scenario(Host.Master()).TenantAsync();
        var body = new Dictionary<string, object?>
        {
            ["application_id"] = tenant.ApplicationId, ["is_enabled"] = true, ["event_types"] = new[] { tenant.EventType },
            ["labels"] = new Dictionary<string, string> { ["env"] = "prod" },
            ["target"] = new { type = "http", method = "POST", url = "https://receiver.example.com/hook", headers = new Dictionary<string, string>() },
            ["circuit_breaker_threshold"] = 0,
        };
        var refused = await Host.Master().PostAsJsonAsync("/api/v1/subscriptions", body);
        var problem = await AssertProblemAsync(refused, 422, "Validation");
        Assert.That(problem.ToJsonString(), Does.Contain("circuit_breaker_threshold"));
        Assert.That(await Database.ScalarAsync<long>($"SELECT count(*) FROM webhook.subscription WHERE application_id = '{tenant.ApplicationId}'"), Is.Zero);

        body["circuit_breaker_threshold"] = 25;
        var created = await PostJsonAsync(Host.Master(), "/api/v1/subscriptions", body);
        var id = created["subscription_id"]!.GetValue<Guid>();
        body.Remove("circuit_breaker_threshold");
        var kept = await Host.Master().PutAsJsonAsync($"/api/v1/subscriptions/{id}", body);
        Assert.That((await JsonAsync(kept))["circuit_breaker_threshold"]!.GetValue<int>(), Is.EqualTo(25), "an upstream client omitting it does not wipe it");
        body["circuit_breaker_threshold"] = null;
        var reset = await Host.Master().PutAsJsonAsync($"/api/v1/subscriptions/{id}", body);
        Assert.That((await JsonAsync(reset))["circuit_breaker_threshold"]!.GetValue<int>(), Is.EqualTo(10), "null: the default");
    }

    [Test]
    public async Task Metrics_show_open_circuits_and_adaptive_rates_as_aggregates_without_a_subscription_label()
    {
        var (_, id) = await SubscribeAsync();
        await Database.ExecuteAsync($"""
            UPDATE webhook.delivery_lane SET metered = true, circuit_state = 'open', circuit_changed_at = now(), held_until = now() + interval '1 hour',
                   adaptive_rate_per_second = 12.5, adaptive_changed_at = now()
            WHERE subscription_id = '{id}'
            """);
        await using var host = new DeliveryHost(new Dictionary<string, string?> { ["METRICS_KEY"] = "metrics-key-for-tests" });
        var client = host.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "metrics-key-for-tests");
        string text = string.Empty;
        string? Line(string name) => text.Split('\n').FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal) && !l.EndsWith(" 0", StringComparison.Ordinal));
        for (var i = 0; i < 50 && (Line("hook0_circuits_open") is null || Line("hook0_adaptive_rate_sum") is null); i++)
        {
            text = await client.GetStringAsync("/metrics");
            await Task.Delay(100);
        }

        Assert.Multiple(() =>
        {
            Assert.That(Line("hook0_circuits_open"), Does.EndWith(" 1"));
            Assert.That(Line("hook0_adaptive_rate_throttled"), Does.EndWith(" 1"));
            Assert.That(Line("hook0_adaptive_rate_sum"), Does.EndWith(" 12.5"));
            Assert.That(text, Does.Not.Contain(id.ToString()), "no subscription label");
        });
    }
}
