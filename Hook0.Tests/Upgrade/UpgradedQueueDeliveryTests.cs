using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.Upgrade;

/// <summary>
/// Issue #20 item 3, by behaviour: on a database upgraded from wave one, the delivery workers send what was due,
/// once, and nothing that was finished, waiting for a retry delay, paused, or still under another worker's lease.
/// Needs the second design's worker (engineer A) merged: before that, this build's worker claims from the dropped
/// wave-one table.
/// </summary>
[NonParallelizable]
public sealed class UpgradedQueueDeliveryTests
{
    [Test]
    public async Task After_the_upgrade_the_workers_send_what_was_due_once_and_nothing_finished_delayed_paused_or_leased()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var database = TestDatabase.CreateUnique("hook0_upgrade_send");
        try
        {
            await WaveOneDatabase.CreateAsync(database);
            var seed = new WaveOneSeed(DateTime.UnixEpoch.AddMilliseconds(Math.Floor((DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds)), receiver.Url());
            await WaveOneDatabase.ExecuteAsync(database, seed.Sql);
            var due = seed.Attempts.Where(a => a.Queued && a.EventKept && a.SubscriptionId != seed.Paused
                                               && (a.DelayUntil ?? a.CreatedAt) <= seed.Now && !(a.LeaseUntil > seed.Now)).ToList();
            var purged = seed.Attempts.Single(a => a.Queued && !a.EventKept);

            await using var host = new Hook0Factory(database, new Dictionary<string, string?>
            {
                ["DELIVERY_WORKERS_ENABLED"] = "true", ["DISABLE_TARGET_IP_CHECK"] = "true", ["DELIVERY_POLL_INTERVAL_MS"] = "100",
            });
            _ = host.Server; // migrates, then the workers start
            await receiver.WaitForAsync(due.Count, TimeSpan.FromSeconds(30));
            var cancelled = await Eventually.HoldsAsync(async () => await database.ScalarAsync<string>(
                $"SELECT outcome || ':' || reason FROM webhook.attempt WHERE request_attempt_id = '{purged.Id}'") == "cancelled:event_gone", TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(200));
            // The workers poll every 100 ms: anything else they were going to send, they have sent by now.
            await Task.Delay(TimeSpan.FromSeconds(3));

            var sent = receiver.Received.Select(r => Guid.Parse(r.Headers["x-event-id"])).ToList();
            Assert.Multiple(() =>
            {
                Assert.That(due.Select(a => a.Name), Is.EquivalentTo(new[] { "pending", "lease expired (its worker died)" }), "what the seed leaves due");
                Assert.That(sent, Is.EquivalentTo(due.Select(a => a.EventId)), "what was due, once each; nothing finished, delayed, paused or leased");
                Assert.That(cancelled, Is.True, "a pending attempt whose event was purged before the upgrade is cancelled as event_gone, not sent");
            });
        }
        finally
        {
            await database.DropAsync();
        }
    }
}
