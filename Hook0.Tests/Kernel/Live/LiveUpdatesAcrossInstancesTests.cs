using System.Collections.Concurrent;
using Hook0.Modules.Kernel.Live;
using Hook0.Modules.Kernel.Notifications;
using Hook0.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Hook0.Tests.Kernel.Live;

/// <summary>
/// Changes committed by the modules reach every instance's subscribers through NOTIFY: a second
/// instance (its own LISTEN connection and live feed on the same database) sees what the host ingests
/// and delivers, and the host sees what the second instance publishes.
/// </summary>
[NonParallelizable]
public sealed class LiveUpdatesAcrossInstancesTests : ApiTest
{
    private DeliveryHost _host = null!;
    private WebhookReceiver _receiver = null!;
    private NpgsqlDataSource _otherDataSource = null!;
    private PgNotificationHub _otherHub = null!;
    private LiveUpdates _other = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _host = new DeliveryHost();
        _otherDataSource = NpgsqlDataSource.Create(Database.ConnectionString);
        _otherHub = new PgNotificationHub(_otherDataSource, NullLogger<PgNotificationHub>.Instance);
        _other = new LiveUpdates(_otherDataSource, _otherHub, TimeProvider.System, NullLogger<LiveUpdates>.Instance);
        await _otherHub.StartAsync(CancellationToken.None);
        await _other.StartAsync(CancellationToken.None);
        await _otherHub.Listening.WaitAsync(TimeSpan.FromSeconds(10));
        await _host.Services.GetRequiredService<PgNotificationHub>().Listening.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _other.StopAsync(CancellationToken.None);
        await _otherHub.StopAsync(CancellationToken.None);
        _other.Dispose();
        _otherHub.Dispose();
        await _otherDataSource.DisposeAsync();
        await _host.DisposeAsync();
    }

    [SetUp]
    public async Task StartReceiverAsync() => _receiver = await WebhookReceiver.StartAsync();

    [TearDown]
    public async Task StopReceiverAsync() => await _receiver.DisposeAsync();

    [Test]
    public async Task Ingesting_and_delivering_on_one_instance_notifies_subscribers_on_another()
    {
        var scenario = new Scenario(_host.Master());
        var tenant = await scenario.TenantAsync();
        var quiet = await scenario.TenantAsync("Other");
        await scenario.SubscriptionAsync(tenant.ApplicationId, [tenant.EventType], url: _receiver.Url());
        var seen = new ConcurrentQueue<LiveTopic>();
        var quietSeen = new ConcurrentQueue<LiveTopic>();
        using var subscription = _other.Subscribe(tenant.ApplicationId, seen.Enqueue);
        using var quietSubscription = _other.Subscribe(quiet.ApplicationId, quietSeen.Enqueue);

        await scenario.IngestAsync(tenant.ApplicationId, tenant.EventType);
        await _receiver.WaitForAsync(1, TimeSpan.FromSeconds(10));
        var merged = await Eventually.ReadAsync(() => Task.FromResult(seen.Aggregate(LiveTopic.None, (a, t) => a | t)), t => t.HasFlag(LiveTopic.Events | LiveTopic.Attempts));

        Assert.Multiple(() =>
        {
            Assert.That(merged & (LiveTopic.Events | LiveTopic.Attempts), Is.EqualTo(LiveTopic.Events | LiveTopic.Attempts), "the event, its attempt, and its delivery were announced");
            Assert.That(quietSeen, Is.Empty, "another application's page hears nothing");
        });
    }

    [Test]
    public async Task A_burst_of_events_is_merged_into_a_few_notices()
    {
        var scenario = new Scenario(_host.Master());
        var tenant = await scenario.TenantAsync();
        var notices = 0;
        using var subscription = _other.Subscribe(tenant.ApplicationId, t => { if (t.HasFlag(LiveTopic.Events)) Interlocked.Increment(ref notices); });

        await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => scenario.IngestAsync(tenant.ApplicationId, tenant.EventType)));
        await Eventually.ReadAsync(() => Task.FromResult(Volatile.Read(ref notices)), n => n > 0);

        // 200 events over at most a few seconds at one notice per 100 ms flush: far fewer notices than events.
        Assert.That(notices, Is.InRange(1, 60));
    }

    [Test]
    public async Task What_another_instance_publishes_reaches_this_instances_subscribers()
    {
        var applicationId = Guid.NewGuid();
        var seen = new ConcurrentQueue<LiveTopic>();
        var hostLive = _host.Services.GetRequiredService<ILiveUpdates>();
        using var subscription = hostLive.Subscribe(applicationId, seen.Enqueue);

        _other.Publish(applicationId, LiveTopic.Subscriptions);
        _other.Publish(applicationId, LiveTopic.Attempts);
        var merged = await Eventually.ReadAsync(() => Task.FromResult(seen.Aggregate(LiveTopic.None, (a, t) => a | t)), t => t == (LiveTopic.Subscriptions | LiveTopic.Attempts));

        Assert.Multiple(() =>
        {
            Assert.That(merged, Is.EqualTo(LiveTopic.Subscriptions | LiveTopic.Attempts));
            Assert.That(hostLive.Connected, Is.True);
        });
    }

    [Test]
    public async Task A_disposed_subscription_hears_nothing_more()
    {
        var applicationId = Guid.NewGuid();
        var count = 0;
        var subscription = _other.Subscribe(applicationId, _ => Interlocked.Increment(ref count));
        _other.Publish(applicationId, LiveTopic.Events);
        await Eventually.ReadAsync(() => Task.FromResult(Volatile.Read(ref count)), c => c == 1);

        subscription.Dispose();
        _other.Publish(applicationId, LiveTopic.Events);
        await _other.FlushAsync(CancellationToken.None);
        // A subscriber that still listened would hear it within a few flushes.
        var probe = new ConcurrentQueue<LiveTopic>();
        using var witness = _other.Subscribe(applicationId, probe.Enqueue);
        _other.Publish(applicationId, LiveTopic.Attempts);
        await Eventually.ReadAsync(() => Task.FromResult(probe.Count), c => c > 0);

        Assert.That(count, Is.EqualTo(1));
    }
}
