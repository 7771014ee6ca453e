using System.Net.Http.Json;
using Hook0.Modules.Delivery.Health;
using Hook0.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Hook0.Tests.Delivery;

/// <summary>
/// Endpoint health on real deliveries, the instance clock a <see cref="FakeTimeProvider"/> moved by
/// hours and days between failures; the monitor is run by hand, as its timer would.
/// </summary>
[NonParallelizable]
public sealed class EndpointHealthTests : ApiTest
{
    private FakeTimeProvider _clock = null!;
    private DateTimeOffset _start;
    private DeliveryHost _host = null!;
    private WebhookReceiver _receiver = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        _start = _clock.GetUtcNow();
        _host = new DeliveryHost(services: s => s.AddSingleton<TimeProvider>(_clock));
        _receiver = await WebhookReceiver.StartAsync();
        _receiver.Respond = (_, ctx) => Status(ctx, 500);
    }

    [TearDown]
    public async Task StopAsync()
    {
        await _receiver.DisposeAsync();
        await _host.DisposeAsync();
    }

    private HealthMonitor Monitor => _host.Services.GetRequiredService<HealthMonitor>();

    private async Task<(Tenant Tenant, Guid SubscriptionId)> SubscribeAsync()
    {
        var tenant = await new Scenario(_host.Master()).TenantAsync();
        var subscription = await PostJsonAsync(_host.Master(), "/api/v1/subscriptions", new
        {
            application_id = tenant.ApplicationId, is_enabled = true, event_types = new[] { tenant.EventType },
            labels = new Dictionary<string, string> { ["env"] = "prod" },
            target = new { type = "http", method = "POST", url = _receiver.Url(), headers = new Dictionary<string, string>() },
            retry_policy = new { max_retries = 20, schedule = new[] { 1 } },
        });
        return (tenant, subscription["subscription_id"]!.GetValue<Guid>());
    }

    /// <summary>Waits until the receiver has answered <paramref name="count"/> calls and the last one is recorded.</summary>
    private async Task DeliveredAsync(int count)
    {
        await _receiver.WaitForAsync(count, TimeSpan.FromSeconds(15));
        await Eventually.HoldsAsync(async () => await Database.ScalarAsync<long>("SELECT count(*) FROM webhook.attempt WHERE response_id IS NOT NULL") >= count);
    }

    private async Task<string> TransitionsAsync(Guid subscriptionId)
    {
        var health = (await JsonAsync(await _host.Master().GetAsync($"/api/v1/subscriptions/{subscriptionId}")))["health"]!;
        return string.Join(",", health["transitions"]!.AsArray().Reverse().Select(t => $"{t!["from"]}>{t["to"]}"));
    }

    [Test]
    public async Task Failing_for_five_days_disables_the_endpoint_once_with_each_transition_recorded()
    {
        var (tenant, subscriptionId) = await SubscribeAsync();
        await new Scenario(_host.Master()).IngestAsync(tenant.ApplicationId, tenant.EventType);
        await DeliveredAsync(1);
        var first = await Monitor.RunOnceAsync(CancellationToken.None);

        _clock.Advance(TimeSpan.FromHours(2));
        await DeliveredAsync(2);
        var second = await Monitor.RunOnceAsync(CancellationToken.None);

        _clock.Advance(TimeSpan.FromDays(5));
        await DeliveredAsync(3);
        var third = await Monitor.RunOnceAsync(CancellationToken.None);
        var again = await Monitor.RunOnceAsync(CancellationToken.None);

        var subscription = await JsonAsync(await _host.Master().GetAsync($"/api/v1/subscriptions/{subscriptionId}"));
        var health = subscription["health"]!;
        Assert.Multiple(() =>
        {
            Assert.That(first.Select(c => c.Change.To), Is.EqualTo(new[] { "degraded" }));
            Assert.That(second.Select(c => c.Change.To), Is.EqualTo(new[] { "failing" }));
            Assert.That(third.Select(c => c.Change.To), Is.EqualTo(new[] { "disabled" }));
            Assert.That(again, Is.Empty, "exactly once");
            Assert.That(subscription["is_enabled"]!.GetValue<bool>(), Is.False);
            Assert.That(health["state"]!.GetValue<string>(), Is.EqualTo("disabled"));
            Assert.That(health["reason"]!.GetValue<string>(), Does.Contain("disabled automatically after 5 days"));
            Assert.That(DateTime.Parse(health["since"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime(),
                Is.EqualTo(DateTime.UtcNow + (_clock.GetUtcNow() - _start)).Within(TimeSpan.FromSeconds(5)),
                "stamped on the database clock, moved as far as the test moved its clock");
            Assert.That(health["transitions"]!.AsArray(), Has.Count.EqualTo(3));
            Assert.That(health["transitions"]![0]!["reason"]!.GetValue<string>(), Does.Contain("failed continuously"));
        });
        Assert.That(await TransitionsAsync(subscriptionId), Is.EqualTo("healthy>degraded,degraded>failing,failing>disabled"));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM webhook.delivery_queue"), Is.Zero,
            "pending work is failed, as a disable does");
    }

    [Test]
    public async Task A_success_recovers_a_failing_endpoint_once()
    {
        var (tenant, subscriptionId) = await SubscribeAsync();
        await new Scenario(_host.Master()).IngestAsync(tenant.ApplicationId, tenant.EventType);
        await DeliveredAsync(1);
        await Monitor.RunOnceAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromHours(2));
        _receiver.Respond = (n, ctx) => n < 2 ? Status(ctx, 500) : ctx.Response.WriteAsync("ok");
        await DeliveredAsync(2);
        await Monitor.RunOnceAsync(CancellationToken.None);
        await DeliveredAsync(3);

        var recovered = await Monitor.RunOnceAsync(CancellationToken.None);
        var again = await Monitor.RunOnceAsync(CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(recovered.Select(c => $"{c.Change.From}>{c.Change.To}"), Is.EqualTo(new[] { "failing>healthy" }));
            Assert.That(again, Is.Empty);
            Assert.That(await TransitionsAsync(subscriptionId), Is.EqualTo("healthy>degraded,degraded>failing,failing>healthy"));
        });
    }

    [Test]
    public async Task A_410_disables_with_its_reason_and_enabling_again_makes_it_healthy()
    {
        _receiver.Respond = (_, ctx) => Status(ctx, 410);
        var (tenant, subscriptionId) = await SubscribeAsync();
        await new Scenario(_host.Master()).IngestAsync(tenant.ApplicationId, tenant.EventType);
        await DeliveredAsync(1);
        var subscription = await Eventually.ReadAsync(
            async () => await JsonAsync(await _host.Master().GetAsync($"/api/v1/subscriptions/{subscriptionId}")),
            s => !s["is_enabled"]!.GetValue<bool>(), pause: TimeSpan.FromMilliseconds(100));

        var enabled = await JsonAsync(await _host.Master().PutAsJsonAsync($"/api/v1/subscriptions/{subscriptionId}", new
        {
            application_id = tenant.ApplicationId, is_enabled = true, event_types = new[] { tenant.EventType },
            labels = new Dictionary<string, string> { ["env"] = "prod" },
            target = new { type = "http", method = "POST", url = _receiver.Url(), headers = new Dictionary<string, string>() },
        }));

        Assert.Multiple(() =>
        {
            Assert.That(subscription["health"]!["state"]!.GetValue<string>(), Is.EqualTo("disabled"));
            Assert.That(subscription["health"]!["reason"]!.GetValue<string>(), Is.EqualTo("the endpoint answered 410 Gone"));
            Assert.That(enabled["health"]!["state"]!.GetValue<string>(), Is.EqualTo("healthy"));
            Assert.That(enabled["health"]!["reason"]!.GetValue<string>(), Is.EqualTo("enabled by a user"));
        });
        Assert.That(await TransitionsAsync(subscriptionId), Is.EqualTo("healthy>disabled,disabled>healthy"));
    }

    private static async Task Status(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        await context.Response.WriteAsync("no");
    }
}
