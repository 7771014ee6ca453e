using Hook0.Modules.Delivery.Analytics;
using Hook0.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hook0.Tests.Delivery.History;

/// <summary>
/// The analytics roll-up reads the history after its watermark (ADR 0016): every try with a response or an error
/// counts once, by its outcome; a cancelled attempt never tried moves the watermark and counts nothing; queued
/// attempts are not read; a second run reads nothing new.
/// </summary>
[NonParallelizable]
public sealed class HistoryRollupTests : ApiTest
{
    [Test]
    public async Task Finished_tries_in_the_history_are_counted_once_by_outcome()
    {
        var scenario = new Scenario(Master());
        var acme = await scenario.TenantAsync();
        var subscription = (await scenario.SubscriptionAsync(acme.ApplicationId, [acme.EventType]))["subscription_id"]!.GetValue<Guid>();
        var seed = new AttemptSeed(Database.ConnectionString, acme.ApplicationId);
        const string created = "now() - interval '10 minutes'", done = "now() - interval '9 minutes'";
        for (var i = 0; i < 3; i++)
        {
            await seed.FinishedAsync(subscription, acme.EventType, created, done, "succeeded");
        }

        await seed.FinishedAsync(subscription, acme.EventType, created, done, "retried", httpCode: 503);
        await seed.FinishedAsync(subscription, acme.EventType, created, done, "given_up", "gone_410", httpCode: 410);
        await seed.FinishedAsync(subscription, acme.EventType, created, done, "given_up", "exhausted", httpCode: null, errorName: "E_TIMEOUT");
        await seed.FinishedAsync(subscription, acme.EventType, created, done, "cancelled", "subscription_disabled", response: "none");
        await seed.QueuedAsync(subscription, acme.EventType, created);

        var rollup = ApiFixture.Factory.Services.GetRequiredService<DeliveryStatsRollup>();
        var read = await rollup.RunOnceAsync(CancellationToken.None);
        var again = await rollup.RunOnceAsync(CancellationToken.None);
        var sums = await Database.ScalarAsync<string>($"""
            SELECT concat_ws(',', sum(succeeded), sum(failed), sum(http_2xx), sum(http_4xx), sum(http_5xx), sum(no_response), sum(latency_count))
            FROM webhook.delivery_stat_minute WHERE subscription_id = '{subscription}'
            """);
        Assert.Multiple(() =>
        {
            Assert.That(read, Is.EqualTo(7), "seven finished attempts read (the cancelled one moves the watermark), the queued one not");
            Assert.That(again, Is.Zero, "nothing read twice");
            Assert.That(sums, Is.EqualTo("3,3,3,1,1,1,6"), "succeeded, failed, 2xx, 4xx, 5xx, no response, latencies");
        });
    }
}
