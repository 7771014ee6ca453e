using Hook0.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace Hook0.Tests.FaultInjection;

/// <summary>(a) SIGKILL the server at random moments while events flow, restart it, and account for every event.</summary>
[Category(FaultSize.Category)]
[NonParallelizable]
public sealed class ServerKillTests : ApiTest
{
    private const int Concurrent = 4;

    [Test]
    public async Task Killing_the_server_at_random_moments_loses_no_accepted_event_and_leaves_no_attempt_stuck()
    {
        var kills = FaultSize.Pick(3, 12);
        var random = new Random(FaultSize.Seed);
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond = async (_, ctx) =>
        {
            await Task.Delay(20); // calls take a little while, so some are in flight at each kill
            await ctx.Response.WriteAsync("ok");
        };
        var environment = new Dictionary<string, string?>
        {
            ["DATABASE_URL"] = Database.ConnectionString, ["MASTER_API_KEY"] = Hook0Factory.MasterKey, ["NO_AUTO_DB_MIGRATION"] = "true",
            ["DISABLE_TARGET_IP_CHECK"] = "true", ["DELIVERY_LEASE_SECONDS"] = "3", ["TIMEOUT_MS"] = "1000", ["CONCURRENT"] = $"{Concurrent}",
            ["DELIVERY_POLL_INTERVAL_MS"] = "200", ["HOUSEKEEPING_ENABLED"] = "false",
        };

        ServerProcess? current = await FaultServer.StartAsync(environment);
        Tenant tenant;
        using (var master = FaultServer.Master(current))
        {
            tenant = await FaultServer.TenantWithSubscriptionAsync(master, receiver.Url());
        }

        using var flow = new EventFlow(() => Volatile.Read(ref current)?.BaseAddress, tenant.Secret, tenant.ApplicationId, tenant.EventType);
        using var stop = new CancellationTokenSource();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var sending = flow.RunAsync(4, TimeSpan.FromMilliseconds(5), stop.Token);
        try
        {
            for (var k = 0; k < kills; k++)
            {
                await Task.Delay(random.Next(300, 2500));
                var doomed = current!;
                Volatile.Write(ref current, null);
                await doomed.KillAsync();
                await doomed.DisposeAsync();
                var restarted = await FaultServer.StartAsync(environment);
                Volatile.Write(ref current, restarted);
            }

            await Task.Delay(1000);
        }
        finally
        {
            await stop.CancelAsync();
            await sending;
        }

        var accepted = flow.Accepted.Keys.Select(id => id.ToString()).ToHashSet();
        var allDelivered = await FaultServer.EventuallyAsync(
            () => Task.FromResult(accepted.IsSubsetOf(receiver.Received.Select(r => r.Headers["x-event-id"]))), TimeSpan.FromSeconds(90));
        var settled = await FaultServer.EventuallyAsync(async () =>
            await Database.ScalarAsync<long>("SELECT count(*) FROM webhook.request_attempt WHERE succeeded_at IS NULL AND failed_at IS NULL") == 0,
            TimeSpan.FromSeconds(30));
        await current!.StopAsync();
        await current.DisposeAsync();

        var ids = receiver.Received.Select(r => r.Headers["x-event-id"]).ToList();
        var delivered = ids.Distinct().ToHashSet();
        var lost = accepted.Count(id => !delivered.Contains(id));
        var duplicated = ids.Count - delivered.Count;
        var stored = await Database.ScalarAsync<long>("SELECT count(*) FROM event.event");
        FaultSize.Report(nameof(ServerKillTests), $"kills={kills} seconds={watch.Elapsed.TotalSeconds:F0} sent={flow.Sent} accepted={accepted.Count} stored={stored} delivered={delivered.Count} " +
            $"duplicated={duplicated} lost={lost} 5xx={flow.ServerErrors} no_answer={flow.NoAnswer} ({flow.Describe()})");

        Assert.Multiple(() =>
        {
            Assert.That(accepted, Is.Not.Empty, "events were accepted between the kills");
            Assert.That(allDelivered, Is.True, $"every accepted event was delivered at least once ({lost} lost)");
            Assert.That(lost, Is.Zero);
            Assert.That(duplicated, Is.LessThanOrEqualTo(kills * Concurrent), "duplicates only for the calls in flight at each kill");
            Assert.That(settled, Is.True, "no attempt is left pending (none stuck behind a dead worker's lease)");
            Assert.That(flow.ServerErrors, Is.Zero, "no 5xx answer");
            Assert.That(stored, Is.GreaterThanOrEqualTo(accepted.Count));
        });
    }
}
