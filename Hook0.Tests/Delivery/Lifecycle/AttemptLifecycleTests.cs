using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hook0.Modules.Delivery.Lifecycle;
using Hook0.Modules.Delivery.Sending;
using Hook0.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Hook0.Tests.Delivery.Lifecycle;

/// <summary>
/// Each transition of an attempt's life, driven one worker round at a time (<see cref="DeliveryWorker.RunOnceAsync"/>,
/// the workers' own loop off), read back from the queue and the history.
/// </summary>
[NonParallelizable]
public sealed class AttemptLifecycleTests : ReceiverHostTest
{
    private DeliveryWorker Worker => Host.Services.GetRequiredService<DeliveryWorker>();

    private AttemptLifecycle Lifecycle => Host.Services.GetRequiredService<AttemptLifecycle>();

    private async Task<(Tenant Tenant, Guid SubscriptionId)> SubscribeAsync(Tenant? tenant = null, object? retryPolicy = null, int? maxConcurrency = null,
        int? rateLimit = null, string? url = null)
    {
        tenant ??= await new Scenario(Host.Master()).TenantAsync();
        var body = new Dictionary<string, object?>
        {
            ["application_id"] = tenant.ApplicationId, ["is_enabled"] = true, ["event_types"] = new[] { tenant.EventType },
            ["labels"] = new Dictionary<string, string> { ["env"] = "prod" },
            ["target"] = new { type = "http", method = "POST", url = url ?? Receiver.Url(), headers = new Dictionary<string, string> { ["X-Api-Key"] = "s3cret" } },
            ["retry_policy"] = retryPolicy, ["max_concurrency"] = maxConcurrency, ["rate_limit_per_second"] = rateLimit,
        };
        var sub = await PostJsonAsync(Host.Master(), "/api/v1/subscriptions", body.Where(kv => kv.Value is not null).ToDictionary());
        return (tenant, sub["subscription_id"]!.GetValue<Guid>());
    }

    private async Task<Guid> IngestAsync(Tenant tenant) => await new Scenario(Host.Master()).IngestAsync(tenant.ApplicationId, tenant.EventType);

    private async Task<int> RoundAsync(int slots = 32)
    {
        var started = await Worker.RunOnceAsync(slots, true, CancellationToken.None);
        await Task.WhenAll(started);
        return started.Count;
    }

    private static Task<string?> HistoryAsync(Guid subscriptionId)
        => Database.ScalarAsync<string>($"""
            SELECT string_agg(attempt_number || ':' || outcome || ':' || coalesce(reason, '-'), ',' ORDER BY created_at, attempt_number)
            FROM webhook.attempt WHERE subscription_id = '{subscriptionId}'
            """);

    private static Task<long> QueuedAsync(Guid subscriptionId) => Database.ScalarAsync<long>($"SELECT count(*) FROM webhook.delivery_queue WHERE subscription_id = '{subscriptionId}'");

    private static Task Status(HttpContext ctx, int status)
    {
        ctx.Response.StatusCode = status;
        return ctx.Response.WriteAsync("no");
    }

    [Test]
    public async Task Scheduled_then_claimed_then_succeeded_leaves_the_queue_for_the_history_in_one_row()
    {
        var (tenant, subscriptionId) = await SubscribeAsync();
        await IngestAsync(tenant);

        var queued = await Database.ScalarAsync<string>($"""
            SELECT attempt_number || ':' || metered || ':' || (due_at = created_at) || ':' || (webhook.uuid_v7_time(request_attempt_id) = created_at) || ':' || (lease_until IS NULL)
            FROM webhook.delivery_queue WHERE subscription_id = '{subscriptionId}'
            """);
        Assert.That(queued, Is.EqualTo("0:false:true:true:true"), "scheduled: first try, open path, due at once, its id carries its creation time, no lease");

        Assert.That(await RoundAsync(), Is.EqualTo(1));

        Assert.That(await QueuedAsync(subscriptionId), Is.Zero);
        Assert.That(await HistoryAsync(subscriptionId), Is.EqualTo("0:succeeded:-"));
        var row = await Database.ScalarAsync<string>($"""
            SELECT (response_id = request_attempt_id) || ':' || http_code || ':' || (picked_at IS NOT NULL) || ':' || (request_headers->>'x-api-key') || ':'
                   || (request_headers ? 'x-hook0-signature') || ':' || (worker_version IS NOT NULL)
            FROM webhook.attempt WHERE subscription_id = '{subscriptionId}'
            """);
        Assert.That(row, Is.EqualTo("true:200:true:***:true:true"), "the response is in the row; the target header's value is masked; the signature is kept");
        Assert.That(Receiver.Received.Single().Headers["x-api-key"], Is.EqualTo("s3cret"), "masked in the history only");
    }

    [Test]
    public async Task A_failure_is_retried_by_a_new_queued_attempt_due_after_its_delay()
    {
        Receiver.Respond = (_, ctx) => Status(ctx, 500);
        var (tenant, subscriptionId) = await SubscribeAsync(retryPolicy: new { max_retries = 3, schedule = new[] { 60 } });
        await IngestAsync(tenant);

        await RoundAsync();

        Assert.That(await HistoryAsync(subscriptionId), Is.EqualTo("0:retried:-"));
        var successor = await Database.ScalarAsync<string>($"""
            SELECT q.attempt_number || ':' || (q.request_attempt_id <> a.request_attempt_id) || ':' || (extract(epoch FROM q.due_at - q.created_at) BETWEEN 50 AND 70)
                   || ':' || (q.event_id = a.event_id)
            FROM webhook.delivery_queue q JOIN webhook.attempt a USING (subscription_id)
            WHERE q.subscription_id = '{subscriptionId}'
            """);
        Assert.That(successor, Is.EqualTo("1:true:true:true"));
        Assert.That(await RoundAsync(), Is.Zero, "a delayed retry is not due");
        Assert.That(await Database.ScalarAsync<DateTime?>($"SELECT failing_since FROM webhook.subscription WHERE subscription_id = '{subscriptionId}'"), Is.Not.Null,
            "the failure is a health fact");
    }

    [Test]
    public async Task An_exhausted_attempt_is_given_up_and_told()
    {
        Receiver.Respond = (_, ctx) => Status(ctx, 500);
        var (tenant, subscriptionId) = await SubscribeAsync(retryPolicy: new { max_retries = 0, schedule = new[] { 1 } });
        await IngestAsync(tenant);

        await RoundAsync();

        Assert.That(await HistoryAsync(subscriptionId), Is.EqualTo("0:given_up:exhausted"));
        Assert.That(await QueuedAsync(subscriptionId), Is.Zero);
        Assert.That(await Database.ScalarAsync<string>($"SELECT data->>'give_up_reason' FROM webhook.operational_event WHERE subscription_id = '{subscriptionId}' AND event_type = 'hook0.attempt.exhausted'"),
            Is.EqualTo("exhausted"));
    }

    [Test]
    public async Task A_410_gives_up_disables_the_subscription_once_and_cancels_what_waits()
    {
        Receiver.Respond = (_, ctx) => Status(ctx, 410);
        var (tenant, subscriptionId) = await SubscribeAsync();
        await IngestAsync(tenant);
        await IngestAsync(tenant);
        await IngestAsync(tenant);

        Assert.That(await RoundAsync(1), Is.EqualTo(1));

        Assert.That(await HistoryAsync(subscriptionId), Is.EqualTo("0:given_up:gone_410,0:cancelled:subscription_disabled,0:cancelled:subscription_disabled"));
        Assert.That(await QueuedAsync(subscriptionId), Is.Zero);
        Assert.That(Receiver.Received, Has.Count.EqualTo(1));
        await AssertDisabledAsync(subscriptionId, "the endpoint answered 410 Gone", told: true);
        var payload = JsonNode.Parse((await Database.ScalarAsync<string>(
            $"SELECT data::text FROM webhook.operational_event WHERE subscription_id = '{subscriptionId}' AND event_type = 'hook0.subscription.disabled'"))!)!;
        Assert.Multiple(() =>
        {
            Assert.That(payload["from"]!.GetValue<string>(), Is.EqualTo("healthy"));
            Assert.That(payload["to"]!.GetValue<string>(), Is.EqualTo("disabled"));
            Assert.That(payload["reason"]!.GetValue<string>(), Is.EqualTo("the endpoint answered 410 Gone"));
            Assert.That(payload["subscription_id"]!.GetValue<Guid>(), Is.EqualTo(subscriptionId));
            Assert.That(payload["failing_since"], Is.Not.Null, "the 410 itself started the failure run it ends");
        });
    }

    [Test]
    public async Task A_users_disable_leaves_what_every_disable_leaves_without_telling()
    {
        var (tenant, subscriptionId) = await SubscribeAsync();
        await IngestAsync(tenant);
        await IngestAsync(tenant);
        var current = await JsonAsync(await Host.Master().GetAsync($"/api/v1/subscriptions/{subscriptionId}?application_id={tenant.ApplicationId}"));
        var edit = new Dictionary<string, object?>
        {
            ["application_id"] = tenant.ApplicationId, ["is_enabled"] = false, ["event_types"] = new[] { tenant.EventType },
            ["labels"] = new Dictionary<string, string> { ["env"] = "prod" },
            ["target"] = new { type = "http", method = "POST", url = Receiver.Url(), headers = new Dictionary<string, string>() },
        };
        var response = await Host.Master().PutAsJsonAsync($"/api/v1/subscriptions/{subscriptionId}", edit);
        Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());
        Assert.That(current["is_enabled"]!.GetValue<bool>(), Is.True);

        Assert.That(await HistoryAsync(subscriptionId), Is.EqualTo("0:cancelled:subscription_disabled,0:cancelled:subscription_disabled"));
        await AssertDisabledAsync(subscriptionId, "disabled by a user", told: false);
        Assert.That(await RoundAsync(), Is.Zero);
    }

    [Test]
    public async Task A_deletion_cancels_what_waits_as_subscription_gone()
    {
        var (tenant, subscriptionId) = await SubscribeAsync();
        await IngestAsync(tenant);

        var response = await Host.Master().DeleteAsync($"/api/v1/subscriptions/{subscriptionId}?application_id={tenant.ApplicationId}");
        Assert.That((int)response.StatusCode, Is.InRange(200, 204));

        Assert.That(await HistoryAsync(subscriptionId), Is.EqualTo("0:cancelled:subscription_gone"));
        await AssertDisabledAsync(subscriptionId, "deleted by a user", told: false);
        Assert.That(await Database.ScalarAsync<bool>($"SELECT deleted_at IS NOT NULL FROM webhook.subscription WHERE subscription_id = '{subscriptionId}'"), Is.True);
    }

    /// <summary>What every disabling path leaves behind: one transition to disabled with its reason, failing_since cleared, the subscription off, nothing queued.</summary>
    private static async Task AssertDisabledAsync(Guid subscriptionId, string reason, bool told)
    {
        var state = await Database.ScalarAsync<string>($"""
            SELECT is_enabled || ':' || health_state || ':' || health_reason || ':' || (failing_since IS NULL) || ':' || (health_changed_at IS NOT NULL)
            FROM webhook.subscription WHERE subscription_id = '{subscriptionId}'
            """);
        Assert.That(state, Is.EqualTo($"false:disabled:{reason}:true:true"));
        Assert.That(await Database.ScalarAsync<string>($"""
            SELECT string_agg(from_state || '>' || to_state || ':' || reason, ',') FROM webhook.subscription_health_transition WHERE subscription_id = '{subscriptionId}'
            """), Is.EqualTo($"healthy>disabled:{reason}"));
        Assert.That(await QueuedAsync(subscriptionId), Is.Zero);
        Assert.That(await Database.ScalarAsync<long>($"SELECT count(*) FROM webhook.operational_event WHERE subscription_id = '{subscriptionId}' AND event_type = 'hook0.subscription.disabled'"),
            Is.EqualTo(told ? 1 : 0));
    }

    [Test]
    public async Task An_attempt_whose_event_is_gone_is_cancelled_not_sent()
    {
        var (tenant, subscriptionId) = await SubscribeAsync();
        var eventId = await IngestAsync(tenant);
        await Database.ExecuteAsync($"DELETE FROM event.event WHERE event_id = '{eventId}'");

        Assert.That(await RoundAsync(), Is.Zero);

        Assert.That(await HistoryAsync(subscriptionId), Is.EqualTo("0:cancelled:event_gone"));
        Assert.That(Receiver.Received, Is.Empty);
    }

    [Test]
    public async Task A_deleted_applications_queued_attempts_are_cancelled()
    {
        var (tenant, subscriptionId) = await SubscribeAsync();
        await IngestAsync(tenant);

        var response = await Host.Master().DeleteAsync($"/api/v1/applications/{tenant.ApplicationId}");
        Assert.That((int)response.StatusCode, Is.InRange(200, 204), await response.Content.ReadAsStringAsync());

        Assert.That(await HistoryAsync(subscriptionId), Is.EqualTo("0:cancelled:application_deleted"));
    }

    [Test]
    public async Task A_dead_letter_retried_is_queued_afresh_and_marked()
    {
        Receiver.Respond = (n, ctx) => n == 0 ? Status(ctx, 500) : ctx.Response.WriteAsync("ok");
        var (tenant, subscriptionId) = await SubscribeAsync(retryPolicy: new { max_retries = 0, schedule = new[] { 1 } });
        await IngestAsync(tenant);
        await RoundAsync();
        var letter = await Database.ScalarAsync<Guid>($"SELECT request_attempt_id FROM webhook.attempt WHERE subscription_id = '{subscriptionId}'");

        var retried = await JsonAsync(await Host.Master().PostAsJsonAsync($"/api/v1/dead_letters/{letter}/retry", new { application_id = tenant.ApplicationId }));
        Assert.That(retried["retried"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(await Database.ScalarAsync<long>($"SELECT count(*) FROM webhook.dead_letter_retry WHERE request_attempt_id = '{letter}'"), Is.EqualTo(1));
        var again = await Host.Master().PostAsJsonAsync($"/api/v1/dead_letters/{letter}/retry", new { application_id = tenant.ApplicationId });
        Assert.That((int)again.StatusCode, Is.EqualTo(404), "a letter is retried once");

        await RoundAsync();
        Assert.That(await HistoryAsync(subscriptionId), Is.EqualTo("0:given_up:exhausted,0:succeeded:-"));
    }

    [Test]
    public async Task A_lapsed_lease_redelivers_and_the_late_record_writes_nothing()
    {
        var (tenant, subscriptionId) = await SubscribeAsync();
        await IngestAsync(tenant);
        var lost = (await Lifecycle.ClaimOpenAsync(10, 1, "crashed", CancellationToken.None)).Single();
        Assert.That(await RoundAsync(), Is.Zero, "leased");

        await Task.Delay(1200);
        Assert.That(await RoundAsync(), Is.EqualTo(1), "the lease lapsed: due again");

        var late = await Lifecycle.RecordAsync(lost, new DeliveryOutcome(true, null, 200, null, [], false, 1, null), AttemptVerdict.Succeeded, null, CancellationToken.None);
        Assert.That(late, Is.False);
        Assert.That(await HistoryAsync(subscriptionId), Is.EqualTo("0:succeeded:-"));
    }

    [Test]
    public async Task Max_concurrency_one_delivers_in_order_of_creation_while_another_subscription_drains()
    {
        await using var other = await WebhookReceiver.StartAsync();
        // The limited endpoint is slow: its delivery is still in flight at the second round.
        Receiver.Respond = async (_, ctx) =>
        {
            await Task.Delay(500);
            await ctx.Response.WriteAsync("ok");
        };
        var (tenant, serial) = await SubscribeAsync(maxConcurrency: 1);
        var (_, open) = await SubscribeAsync(tenant, url: other.Url());
        for (var i = 0; i < 3; i++)
        {
            await IngestAsync(tenant);
        }

        var first = await Worker.RunOnceAsync(32, true, CancellationToken.None);
        Assert.That(first, Has.Count.EqualTo(4), "one of the limited subscription, all three of the other");
        Assert.That(await Worker.RunOnceAsync(32, true, CancellationToken.None), Is.Empty, "the limited one is at its limit while its delivery is in flight");
        await Task.WhenAll(first);
        Assert.That(await RoundAsync(), Is.EqualTo(1));
        Assert.That(await RoundAsync(), Is.EqualTo(1));

        var order = await Database.ScalarAsync<bool>($"""
            SELECT bool_and(ordered) FROM (
              SELECT picked_at >= lag(picked_at) OVER (ORDER BY created_at, request_attempt_id) IS NOT FALSE AS ordered
              FROM webhook.attempt WHERE subscription_id = '{serial}') x
            """);
        Assert.That(order, Is.True, "picked in order of creation");
        Assert.That(await HistoryAsync(open), Is.EqualTo("0:succeeded:-,0:succeeded:-,0:succeeded:-"));
        Assert.That(await Database.ScalarAsync<string>($"SELECT cardinality(in_flight_ids)::text FROM webhook.delivery_lane WHERE subscription_id = '{serial}'"), Is.EqualTo("0"),
            "every slot freed");
    }

    [Test]
    public async Task A_rate_limit_spends_its_tokens_and_waits_for_the_refill()
    {
        var (tenant, subscriptionId) = await SubscribeAsync(rateLimit: 2);
        for (var i = 0; i < 5; i++)
        {
            await IngestAsync(tenant);
        }

        Assert.That(await RoundAsync(), Is.EqualTo(2), "a burst of the rate");
        Assert.That(await RoundAsync(), Is.Zero, "no token left");
        await Task.Delay(1100);
        Assert.That(await RoundAsync(), Is.EqualTo(2), "refilled at the rate");
        Assert.That(await QueuedAsync(subscriptionId), Is.EqualTo(1));
    }

    [Test]
    public async Task Paused_work_waits_off_the_claims_path_and_resumes_in_order()
    {
        var (tenant, subscriptionId) = await SubscribeAsync();
        await Host.Master().PostAsJsonAsync($"/api/v1/subscriptions/{subscriptionId}/pause", new { application_id = tenant.ApplicationId });
        await IngestAsync(tenant);
        await IngestAsync(tenant);

        Assert.That(await RoundAsync(), Is.Zero);
        Assert.That(await Database.ScalarAsync<long>($"SELECT count(*) FROM webhook.delivery_queue WHERE subscription_id = '{subscriptionId}' AND metered"), Is.EqualTo(2),
            "parked on the lane");

        await Host.Master().PostAsJsonAsync($"/api/v1/subscriptions/{subscriptionId}/resume", new { application_id = tenant.ApplicationId });
        Assert.That(await Database.ScalarAsync<long>($"SELECT count(*) FROM webhook.delivery_queue WHERE subscription_id = '{subscriptionId}' AND NOT metered"), Is.EqualTo(2),
            "back on the open path");
        Assert.That(await RoundAsync(), Is.EqualTo(2));
        var ids = Receiver.Received.Select(r => r.Headers["x-event-id"]).ToList();
        Assert.That(ids, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task A_row_left_metered_after_its_lane_left_the_metered_path_goes_back_to_the_open_path()
    {
        var (tenant, subscriptionId) = await SubscribeAsync(maxConcurrency: 1);
        var edited = await Host.Master().PutAsJsonAsync($"/api/v1/subscriptions/{subscriptionId}", new Dictionary<string, object?>
        {
            ["application_id"] = tenant.ApplicationId, ["is_enabled"] = true, ["event_types"] = new[] { tenant.EventType },
            ["labels"] = new Dictionary<string, string> { ["env"] = "prod" }, ["max_concurrency"] = null,
            ["target"] = new { type = "http", method = "POST", url = Receiver.Url(), headers = new Dictionary<string, string>() },
        });
        Assert.That((int)edited.StatusCode, Is.EqualTo(200), await edited.Content.ReadAsStringAsync());
        Assert.That(await Database.ScalarAsync<bool>($"SELECT NOT metered AND unmetered_at IS NOT NULL FROM webhook.delivery_lane WHERE subscription_id = '{subscriptionId}'"),
            Is.True, "the edit removed the limit");
        await IngestAsync(tenant);
        // What an ingest that read the lane before the edit and committed after it leaves behind.
        await Database.ExecuteAsync($"UPDATE webhook.delivery_queue SET metered = true WHERE subscription_id = '{subscriptionId}'");

        // Neither path would see it (its lane is not metered, the row is not open); the round's metered claim sends it back
        // to the open path, whose claim in the same round delivers it.
        Assert.That(await RoundAsync(), Is.EqualTo(1));
        Assert.That(await QueuedAsync(subscriptionId), Is.Zero);
    }
}
