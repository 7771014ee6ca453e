using System.Net.Http.Headers;
using System.Net.Http.Json;
using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.Delivery;

/// <summary>Several workers on one queue, a killed server, and the SSRF guard switched on.</summary>
[NonParallelizable]
public sealed class DeliveryRobustnessTests : ApiTest
{
    private static async Task<Guid> SubscribeAsync(HttpClient client, Tenant tenant, string url)
        => (await PostJsonAsync(client, "/api/v1/subscriptions", new
        {
            application_id = tenant.ApplicationId, is_enabled = true, event_types = new[] { tenant.EventType },
            labels = new Dictionary<string, string> { ["env"] = "prod" },
            target = new { type = "http", method = "POST", url, headers = new Dictionary<string, string>() },
        }))["subscription_id"]!.GetValue<Guid>();

    private static object[] Batch(Tenant tenant, int count)
        => Enumerable.Range(0, count).Select(_ => Scenario.Event(tenant.ApplicationId, tenant.EventType)).ToArray();

    [Test]
    public async Task Two_workers_racing_on_one_queue_deliver_each_attempt_once()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var first = new DeliveryHost(new Dictionary<string, string?> { ["WORKER_NAME"] = "a", ["CONCURRENT"] = "8" });
        await using var second = new DeliveryHost(new Dictionary<string, string?> { ["WORKER_NAME"] = "b", ["CONCURRENT"] = "8" });
        var tenant = await new Scenario(first.Master()).TenantAsync();
        await SubscribeAsync(first.Master(), tenant, receiver.Url());

        await first.Master().PostAsJsonAsync("/api/v1/events/batch", Batch(tenant, 60));
        var received = await receiver.WaitForAsync(60, TimeSpan.FromSeconds(30));
        await Task.Delay(500);

        Assert.That(received.Select(r => r.Headers["x-event-id"]), Is.Unique);
        Assert.That(receiver.Received, Has.Count.EqualTo(60));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(DISTINCT worker_name) FROM webhook.attempt"), Is.GreaterThanOrEqualTo(1));
    }

    [Test]
    public async Task Stopping_the_host_lets_an_in_flight_delivery_finish()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond = async (_, ctx) =>
        {
            await Task.Delay(1500);
            await Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(ctx.Response, "ok");
        };
        var host = new DeliveryHost();
        var tenant = await new Scenario(host.Master()).TenantAsync();
        await SubscribeAsync(host.Master(), tenant, receiver.Url());
        await new Scenario(host.Master()).IngestAsync(tenant.ApplicationId, tenant.EventType);
        await receiver.WaitForAsync(1, TimeSpan.FromSeconds(10));

        await host.DisposeAsync(); // graceful stop while the call is in flight

        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM webhook.attempt WHERE outcome = 'succeeded'"), Is.EqualTo(1),
            "the in-flight call finished and was recorded before the host stopped");
    }

    [Test]
    public async Task With_the_target_check_on_a_loopback_endpoint_is_refused_unreached()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = new DeliveryHost(new Dictionary<string, string?> { ["DISABLE_TARGET_IP_CHECK"] = "false" });
        var tenant = await new Scenario(host.Master()).TenantAsync();
        await SubscribeAsync(host.Master(), tenant, receiver.Url());
        await new Scenario(host.Master()).IngestAsync(tenant.ApplicationId, tenant.EventType);

        string? error = null;
        for (var i = 0; i < 100 && error is null; i++)
        {
            await Task.Delay(100);
            error = await Database.ScalarAsync<string>("SELECT response_error_name FROM webhook.attempt");
        }

        Assert.That(error, Is.EqualTo("E_INVALID_TARGET"));
        Assert.That(receiver.Received, Is.Empty);
    }

    [Test]
    public async Task A_server_killed_mid_batch_loses_nothing_once_restarted()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond = async (_, ctx) =>
        {
            await Task.Delay(150);
            await Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(ctx.Response, "ok");
        };
        var environment = new Dictionary<string, string?>
        {
            ["DATABASE_URL"] = Database.ConnectionString, ["MASTER_API_KEY"] = Hook0Factory.MasterKey, ["NO_AUTO_DB_MIGRATION"] = "true",
            ["DISABLE_TARGET_IP_CHECK"] = "true", ["DELIVERY_LEASE_SECONDS"] = "3", ["CONCURRENT"] = "4", ["DELIVERY_POLL_INTERVAL_MS"] = "200",
        };
        const int events = 60;
        await using (var doomed = ServerProcess.Start(environment))
        {
            await doomed.WaitForLineAsync(l => l.Contains("Now listening on", StringComparison.Ordinal), TimeSpan.FromMinutes(1));
            using var client = new HttpClient { BaseAddress = doomed.BaseAddress };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Hook0Factory.MasterKey);
            var tenant = await new Scenario(client).TenantAsync();
            await SubscribeAsync(client, tenant, receiver.Url());
            await client.PostAsJsonAsync("/api/v1/events/batch", Batch(tenant, events));
            await receiver.WaitForAsync(10, TimeSpan.FromSeconds(30));
            await doomed.KillAsync();
        }

        var atKill = receiver.Received.Count;
        Assert.That(atKill, Is.LessThan(events), "the kill happened mid-batch");
        await using var restarted = ServerProcess.Start(environment);
        await Eventually.HoldsAsync(() => receiver.Received.Select(r => r.Headers["x-event-id"]).Distinct().Count() >= events, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(200));

        var ids = receiver.Received.Select(r => r.Headers["x-event-id"]).ToList();
        var duplicates = ids.Count - ids.Distinct().Count();
        TestContext.Out.WriteLine($"events={events} delivered={ids.Distinct().Count()} duplicates={duplicates} received_before_kill={atKill}");
        Assert.That(ids.Distinct().Count(), Is.EqualTo(events), "every accepted event was delivered at least once");
        Assert.That(duplicates, Is.LessThanOrEqualTo(4), "duplicates only for calls in flight at the kill (CONCURRENT=4)");
        for (var i = 0; i < 50 && await Database.ScalarAsync<long>("SELECT count(*) FROM webhook.delivery_queue") > 0; i++)
        {
            await Task.Delay(100);
        }

        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM webhook.delivery_queue"), Is.Zero, "no attempt is left stuck");
        await restarted.StopAsync();
    }
}
