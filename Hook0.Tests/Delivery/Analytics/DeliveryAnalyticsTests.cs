using Hook0.Modules.Delivery.Analytics;
using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Kernel.Live;
using Hook0.Tests.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Hook0.Tests.Delivery.Analytics;

/// <summary>Real deliveries to loopback receivers, rolled up and read back through the analytics contract.</summary>
[NonParallelizable]
public sealed partial class DeliveryAnalyticsTests : ApiTest
{
    private DeliveryHost _host = null!;
    private WebhookReceiver _ok = null!;
    private WebhookReceiver _failing = null!;

    [OneTimeSetUp]
    public void StartHost() => _host = new DeliveryHost(new Dictionary<string, string?>
    {
        // The tests run the roll-up themselves; the host's own runs only at start-up, on an empty table.
        ["ANALYTICS_ROLLUP_PERIOD_MS"] = "600000",
        ["ANALYTICS_ROLLUP_LAG_MS"] = "0",
    });

    [OneTimeTearDown]
    public async Task StopHostAsync() => await _host.DisposeAsync();

    [SetUp]
    public async Task StartReceiversAsync()
    {
        _ok = await WebhookReceiver.StartAsync();
        _failing = await WebhookReceiver.StartAsync();
        _failing.Respond = (_, ctx) => { ctx.Response.StatusCode = StatusCodes.Status503ServiceUnavailable; return Task.CompletedTask; };
    }

    [TearDown]
    public async Task StopReceiversAsync()
    {
        await _ok.DisposeAsync();
        await _failing.DisposeAsync();
    }

    private async Task<Guid> SubscribeAsync(Tenant tenant, string url)
    {
        var body = new Dictionary<string, object?>
        {
            ["application_id"] = tenant.ApplicationId, ["is_enabled"] = true, ["event_types"] = new[] { tenant.EventType },
            ["labels"] = new Dictionary<string, string> { ["env"] = "prod" },
            ["target"] = new { type = "http", method = "POST", url, headers = new Dictionary<string, string>() },
            ["retry_policy"] = new { max_retries = 0, schedule = new[] { 1 } },
        };
        return (await PostJsonAsync(_host.Master(), "/api/v1/subscriptions", body))["subscription_id"]!.GetValue<Guid>();
    }

    private async Task IngestAsync(Tenant tenant, int count)
    {
        var scenario = new Scenario(_host.Master());
        for (var i = 0; i < count; i++)
        {
            await scenario.IngestAsync(tenant.ApplicationId, tenant.EventType);
        }
    }

    /// <summary>Waits until no attempt is left in the queue (the worker has recorded every try in the history).</summary>
    private static async Task DrainAsync()
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var pending = new NpgsqlCommand("SELECT count(*) FROM webhook.delivery_queue", connection);
        await Eventually.HoldsAsync(async () => (long)(await pending.ExecuteScalarAsync())! == 0, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100));
    }

    private DeliveryStatsRollup Rollup => _host.Services.GetRequiredService<DeliveryStatsRollup>();

    private async Task<DeliveryAnalytics> AnalyticsAsync(Caller caller, Guid applicationId, Guid? subscriptionId = null, AnalyticsWindow window = AnalyticsWindow.LastHour)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new GetDeliveryAnalyticsQuery(caller, applicationId, subscriptionId, window));
    }

    private async Task<DeliveryProgress> ProgressAsync(Guid? organizationId, Guid? applicationId)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new GetDeliveryProgressQuery(Caller.MasterKey, organizationId, applicationId));
    }

    [Test]
    public async Task Real_deliveries_are_counted_exactly_once_however_many_roll_ups_run_at_once()
    {
        var scenario = new Scenario(_host.Master());
        var tenant = await scenario.TenantAsync();
        var good = await SubscribeAsync(tenant, _ok.Url());
        var bad = await SubscribeAsync(tenant, _failing.Url());
        Assert.That((await ProgressAsync(null, tenant.ApplicationId)).FirstDeliveryAt, Is.Null, "no delivery yet");

        await IngestAsync(tenant, 5);
        await _ok.WaitForAsync(5, TimeSpan.FromSeconds(20));
        await _failing.WaitForAsync(5, TimeSpan.FromSeconds(20));
        await DrainAsync();

        // Five runners at once, then twice more in a row: the watermark lets each try in once.
        var reads = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Rollup.RunOnceAsync(CancellationToken.None)));
        await Rollup.RunOnceAsync(CancellationToken.None);
        await Rollup.RunOnceAsync(CancellationToken.None);

        var all = await AnalyticsAsync(Caller.MasterKey, tenant.ApplicationId);
        await RollupGrains.AssertHoursAreSumsOfMinutesAsync();
        Assert.Multiple(() =>
        {
            Assert.That(reads.Sum(), Is.EqualTo(10), "ten tries read in all, by whichever runner held the watermark");
            Assert.That((all.Totals.Succeeded, all.Totals.Failed), Is.EqualTo((5L, 5L)));
            Assert.That(all.Totals.SuccessRate, Is.EqualTo(0.5));
            Assert.That(all.Series.Sum(p => p.Succeeded + p.Failed), Is.EqualTo(10), "the chart's points add up to the totals");
            Assert.That(all.Series, Has.Count.EqualTo(60), "an hour, a point a minute");
            Assert.That(all.StatusClasses.Single(c => c.Name == "2xx").Count, Is.EqualTo(5));
            Assert.That(all.StatusClasses.Single(c => c.Name == "5xx").Count, Is.EqualTo(5));
            Assert.That(all.ErrorClasses.Select(c => (c.Name, c.Count)), Is.EqualTo(new[] { ("E_HTTP", 5L) }));
            Assert.That(all.Totals.Latency!.Count, Is.EqualTo(10));
            Assert.That(all.Totals.Latency.P50Ms, Is.LessThanOrEqualTo(all.Totals.Latency.P95Ms));
            Assert.That(all.Totals.Latency.P95Ms, Is.LessThanOrEqualTo(all.Totals.Latency.P99Ms));
            Assert.That(all.Subscriptions.Select(s => (s.SubscriptionId, s.Succeeded, s.Failed)),
                Is.EquivalentTo(new[] { (good, 5L, 0L), (bad, 0L, 5L) }));
            Assert.That(all.UpTo, Is.Not.Null);
        });

        var onlyBad = await AnalyticsAsync(Caller.MasterKey, tenant.ApplicationId, bad);
        Assert.Multiple(() =>
        {
            Assert.That((onlyBad.Totals.Succeeded, onlyBad.Totals.Failed), Is.EqualTo((0L, 5L)), "the subscription filter");
            Assert.That(onlyBad.Totals.SuccessRate, Is.EqualTo(0));
            Assert.That(onlyBad.Subscriptions.Select(s => s.SubscriptionId), Is.EqualTo(new[] { bad }));
        });

        var progress = await ProgressAsync(null, tenant.ApplicationId);
        Assert.That(progress.FirstDeliveryAt, Is.Not.Null, "onboarding's first delivery is ticked");
        Assert.That((await ProgressAsync(tenant.OrganizationId, null)).FirstDeliveryAt, Is.EqualTo(progress.FirstDeliveryAt), "and the organization's");
    }

    [Test]
    public async Task Windows_keep_older_minutes_out_and_each_tenant_sees_only_its_own()
    {
        var scenario = new Scenario(_host.Master());
        var mine = await scenario.TenantAsync("Mine");
        var theirs = await scenario.TenantAsync("Theirs");
        var sub = await SubscribeAsync(mine, _ok.Url());
        await SubscribeAsync(theirs, _ok.Url());
        await IngestAsync(mine, 2);
        await IngestAsync(theirs, 3);
        await _ok.WaitForAsync(5, TimeSpan.FromSeconds(20));
        await DrainAsync();
        await Rollup.RunOnceAsync(CancellationToken.None);

        // Age one of my deliveries by three hours and add a minute from two days ago: the roll-up is the source
        // (written at both grains, as the roll-up writes them).
        await using (var connection = new NpgsqlConnection(Database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var age = new NpgsqlCommand("""
                INSERT INTO webhook.delivery_stat_minute (subscription_id, minute, application_id, succeeded, failed, http_2xx, http_3xx, http_4xx, http_5xx,
                    no_response, error_classes, latency_buckets, latency_count, latency_sum_ms)
                VALUES (@sub, date_trunc('minute', now()) - interval '3 hours', @app, 7, 1, 7, 0, 0, 1, 0, '{"E_HTTP": 1}', array_fill(0, ARRAY[72]), 0, 0),
                       (@sub, date_trunc('minute', now()) - interval '2 days', @app, 100, 0, 100, 0, 0, 0, 0, '{}', array_fill(0, ARRAY[72]), 0, 0);
                INSERT INTO webhook.delivery_stat_hour (subscription_id, hour, application_id, succeeded, failed, http_2xx, http_3xx, http_4xx, http_5xx,
                    no_response, error_classes, latency_buckets, latency_count, latency_sum_ms)
                SELECT subscription_id, date_trunc('hour', minute, 'UTC'), application_id, succeeded, failed, http_2xx, http_3xx, http_4xx, http_5xx,
                    no_response, error_classes, latency_buckets, latency_count, latency_sum_ms
                FROM webhook.delivery_stat_minute WHERE subscription_id = @sub AND minute < now() - interval '2 hours';
                """, connection);
            age.Parameters.AddWithValue("sub", sub);
            age.Parameters.AddWithValue("app", mine.ApplicationId);
            await age.ExecuteNonQueryAsync();
        }

        var hour = await AnalyticsAsync(Caller.MasterKey, mine.ApplicationId, window: AnalyticsWindow.LastHour);
        var day = await AnalyticsAsync(Caller.MasterKey, mine.ApplicationId, window: AnalyticsWindow.Last24Hours);
        var week = await AnalyticsAsync(Caller.MasterKey, mine.ApplicationId, window: AnalyticsWindow.Last7Days);
        var month = await AnalyticsAsync(Caller.MasterKey, mine.ApplicationId, window: AnalyticsWindow.Last30Days);
        var other = await AnalyticsAsync(Caller.MasterKey, theirs.ApplicationId, window: AnalyticsWindow.Last30Days);
        Assert.Multiple(() =>
        {
            Assert.That((hour.Totals.Succeeded, hour.Totals.Failed), Is.EqualTo((2L, 0L)), "the last hour: only today's deliveries");
            Assert.That((day.Totals.Succeeded, day.Totals.Failed), Is.EqualTo((9L, 1L)), "24 h includes the minute three hours ago");
            Assert.That(day.Series, Has.Count.EqualTo(96), "24 h in 15-minute points");
            Assert.That(day.ErrorClasses.Single().Count, Is.EqualTo(1));
            Assert.That(week.Totals.Succeeded, Is.EqualTo(109L), "7 d includes two days ago");
            Assert.That(week.Series, Has.Count.EqualTo(168));
            Assert.That(month.Series, Has.Count.EqualTo(120));
            Assert.That(month.Series.Sum(p => p.Succeeded), Is.EqualTo(109L));
            Assert.That(other.Totals.Succeeded, Is.EqualTo(3L), "the other tenant's deliveries only");
            Assert.That(other.Subscriptions.Select(s => s.SubscriptionId), Does.Not.Contain(sub));
        });

        // An application secret of one tenant is refused the other's analytics.
        var theirSecret = new Caller(CallerKind.ApplicationSecret, theirs.OrganizationId, theirs.ApplicationId);
        Assert.That(async () => await AnalyticsAsync(theirSecret, mine.ApplicationId), Throws.InstanceOf<ProblemException>());
        Assert.That((await AnalyticsAsync(theirSecret, theirs.ApplicationId)).Totals.Succeeded, Is.EqualTo(3L));
    }

    [Test]
    public async Task A_try_finished_after_a_roll_up_is_counted_by_the_next_one()
    {
        var scenario = new Scenario(_host.Master());
        var tenant = await scenario.TenantAsync();
        await SubscribeAsync(tenant, _ok.Url());
        await IngestAsync(tenant, 1);
        await _ok.WaitForAsync(1, TimeSpan.FromSeconds(20));
        await DrainAsync();
        await Task.Delay(500); // the recording's own notices are flushed (every 100 ms) before listening
        var notices = new System.Collections.Concurrent.ConcurrentQueue<LiveTopic>();
        using var watching = _host.Services.GetRequiredService<ILiveUpdates>().Subscribe(tenant.ApplicationId, notices.Enqueue);
        Assert.That(await Rollup.RunOnceAsync(CancellationToken.None), Is.EqualTo(1));
        await Eventually.HoldsAsync(() => notices.Any(n => n.HasFlag(LiveTopic.Attempts)));

        Assert.That(notices.Any(n => n.HasFlag(LiveTopic.Attempts)), Is.True, "open overviews are told once the roll-up has counted new tries");

        await IngestAsync(tenant, 2);
        await _ok.WaitForAsync(3, TimeSpan.FromSeconds(20));
        await DrainAsync();
        Assert.That(await Rollup.RunOnceAsync(CancellationToken.None), Is.EqualTo(2), "only the new tries are read");
        Assert.That(await Rollup.RunOnceAsync(CancellationToken.None), Is.EqualTo(0), "nothing is read twice");

        Assert.That((await AnalyticsAsync(Caller.MasterKey, tenant.ApplicationId)).Totals.Succeeded, Is.EqualTo(3L));
    }
}
