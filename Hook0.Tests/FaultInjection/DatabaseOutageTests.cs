using Hook0.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Npgsql;

namespace Hook0.Tests.FaultInjection;

/// <summary>(b) PostgreSQL crashes and comes back while events flow: 503 with Retry-After meanwhile, never 500, never a 201 for an unstored event.</summary>
[Category(FaultSize.Category)]
[NonParallelizable]
public sealed class DatabaseOutageTests
{
    [Test]
    public async Task While_the_database_is_down_ingestion_answers_503_and_everything_recovers_by_itself()
    {
        var outages = FaultSize.Pick(2, 6);
        await using var cluster = await PostgresCluster.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond = (_, ctx) => ctx.Response.WriteAsync("ok");
        var database = cluster.ConnectionString("hook0_outage");
        var environment = new Dictionary<string, string?>
        {
            ["DATABASE_URL"] = database, ["MASTER_API_KEY"] = Hook0Factory.MasterKey, ["DISABLE_TARGET_IP_CHECK"] = "true",
            ["DELIVERY_LEASE_SECONDS"] = "3", ["TIMEOUT_MS"] = "1000", ["DELIVERY_POLL_INTERVAL_MS"] = "200", ["HOUSEKEEPING_ENABLED"] = "false",
        };
        await using var server = await FaultServer.StartAsync(environment);
        Tenant tenant;
        using (var master = FaultServer.Master(server))
        {
            tenant = await FaultServer.TenantWithSubscriptionAsync(master, receiver.Url());
        }

        using var flow = new EventFlow(() => server.BaseAddress, tenant.Secret, tenant.ApplicationId, tenant.EventType);
        using var stop = new CancellationTokenSource();
        var sending = flow.RunAsync(4, TimeSpan.FromMilliseconds(10), stop.Token);
        bool recovered;
        try
        {
            await Task.Delay(1500);
            for (var i = 0; i < outages; i++)
            {
                await cluster.CrashAsync();
                await Task.Delay(2500);
                await cluster.RestartAsync();
                await Task.Delay(1500);
            }

            // Recovery by itself: new events are accepted again, with no operator action.
            var before = flow.Accepted.Count;
            recovered = await Eventually.HoldsAsync(() => Task.FromResult(flow.Accepted.Count > before + 20), TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(200));
        }
        finally
        {
            await stop.CancelAsync();
            await sending;
        }

        var accepted = flow.Accepted.Keys.ToArray();
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM event.event WHERE event_id = ANY(@ids)", connection);
        command.Parameters.AddWithValue("ids", accepted);
        var storedAccepted = (long)(await command.ExecuteScalarAsync())!;

        var acceptedIds = accepted.Select(id => id.ToString()).ToHashSet();
        var allDelivered = await Eventually.HoldsAsync(
            () => Task.FromResult(acceptedIds.IsSubsetOf(receiver.Received.Select(r => r.Headers["x-event-id"]))), TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(200));
        await using var pending = new NpgsqlCommand("SELECT count(*) FROM webhook.delivery_queue", connection);
        var settled = await Eventually.HoldsAsync(async () => (long)(await pending.ExecuteScalarAsync())! == 0, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(200));
        var ids = receiver.Received.Select(r => r.Headers["x-event-id"]).ToList();
        var delivered = ids.ToHashSet();
        var lost = acceptedIds.Count(id => !delivered.Contains(id));
        FaultSize.Report(nameof(DatabaseOutageTests), $"outages={outages} sent={flow.Sent} accepted={accepted.Length} accepted_stored={storedAccepted} " +
            $"delivered={delivered.Count} duplicated={ids.Count - delivered.Count} lost={lost} 503={flow.Unavailable} " +
            $"5xx_other_than_503={flow.ServerErrorsOtherThan503} ({flow.Describe()})");

        Assert.Multiple(() =>
        {
            Assert.That(flow.Unavailable, Is.GreaterThan(0), "the outages were seen as 503");
            Assert.That(flow.UnavailableWithoutRetryAfter, Is.Zero, "every 503 carries Retry-After");
            Assert.That(flow.ServerErrorsOtherThan503, Is.Zero, "no 500 (nor any 5xx but 503)");
            Assert.That(flow.Others, Is.Empty, $"only 201 or 503 for valid events: {flow.Describe()}");
            Assert.That(storedAccepted, Is.EqualTo(accepted.Length), "every 201 was for a stored event");
            Assert.That(recovered, Is.True, "ingestion recovered by itself");
            Assert.That(allDelivered, Is.True, $"every accepted event was delivered ({lost} lost)");
            Assert.That(settled, Is.True, "no attempt left pending");
        });
    }
}
