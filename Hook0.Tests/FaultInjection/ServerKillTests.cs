using System.Net.Http.Headers;
using System.Net.Http.Json;
using Hook0.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace Hook0.Tests.FaultInjection;

/// <summary>
/// (a) SIGKILL the server at random moments while events flow from several applications (their secrets
/// and their organizations' service tokens), restart it, and account for every event and every
/// credential: no accepted event lost, duplicates only for the calls in flight at each kill, and every
/// valid credential still accepted after each restart. The only 401/403 answers are the requests the
/// suite spoiled on purpose. Full size: 20 kills during a 10,000-event run.
/// </summary>
[Category(FaultSize.Category)]
[NonParallelizable]
public sealed class ServerKillTests : ApiTest
{
    private const int Concurrent = 4;
    private const int SpoilEvery = 25;

    [Test]
    public async Task Killing_the_server_at_random_moments_loses_no_accepted_event_and_no_credential_and_leaves_no_attempt_stuck()
    {
        var (kills, events, applications) = (FaultSize.Pick(3, 20), FaultSize.Pick(600, 10_000), FaultSize.Pick(3, 5));
        var random = new Random(FaultSize.Seed);
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond = async (_, ctx) =>
        {
            await Task.Delay(10); // calls take a little while, so some are in flight at each kill
            await ctx.Response.WriteAsync("ok");
        };
        var environment = new Dictionary<string, string?>
        {
            ["DATABASE_URL"] = Database.ConnectionString, ["MASTER_API_KEY"] = Hook0Factory.MasterKey, ["NO_AUTO_DB_MIGRATION"] = "true",
            ["BISCUIT_PRIVATE_KEY"] = Hook0Factory.BiscuitPrivateKey,
            ["DISABLE_TARGET_IP_CHECK"] = "true", ["DELIVERY_LEASE_SECONDS"] = "3", ["TIMEOUT_MS"] = "1000", ["CONCURRENT"] = $"{Concurrent}",
            ["DELIVERY_POLL_INTERVAL_MS"] = "200", ["HOUSEKEEPING_ENABLED"] = "false",
        };

        ServerProcess? current = await FaultServer.StartAsync(environment);
        List<FlowCredential> credentials;
        using (var master = FaultServer.Master(current))
        {
            credentials = await CredentialsAsync(master, receiver.Url(), applications);
        }

        using var flow = new EventFlow(() => Volatile.Read(ref current)?.BaseAddress, credentials, SpoilEvery);
        using var stop = new CancellationTokenSource();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var sending = flow.RunAsync(6, TimeSpan.FromMilliseconds(2), stop.Token);
        var credentialFailures = new List<string>();
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
                credentialFailures.AddRange(await RefusedCredentialsAsync(restarted, credentials, k + 1));
                Volatile.Write(ref current, restarted);
            }

            while (flow.Sent < events)
            {
                await Task.Delay(200);
            }
        }
        finally
        {
            await stop.CancelAsync();
            await sending;
        }

        var accepted = flow.Accepted.Keys.Select(id => id.ToString()).ToHashSet();
        var allDelivered = await Eventually.HoldsAsync(
            () => Task.FromResult(accepted.IsSubsetOf(receiver.Received.Select(r => r.Headers["x-event-id"]))), TimeSpan.FromSeconds(FaultSize.Pick(90, 300)), TimeSpan.FromMilliseconds(200));
        var settled = await Eventually.HoldsAsync(async () =>
            await Database.ScalarAsync<long>("SELECT count(*) FROM webhook.delivery_queue") == 0,
            TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(200));
        await current!.StopAsync();
        await current.DisposeAsync();

        var ids = receiver.Received.Select(r => r.Headers["x-event-id"]).ToList();
        var delivered = ids.Distinct().ToHashSet();
        var lost = accepted.Count(id => !delivered.Contains(id));
        var duplicated = ids.Count - delivered.Count;
        var stored = await Database.ScalarAsync<long>("SELECT count(*) FROM event.event");
        var spoiled = flow.Spoiled;
        FaultSize.Report(nameof(ServerKillTests), $"kills={kills} applications={applications} credentials={credentials.Count} seconds={watch.Elapsed.TotalSeconds:F0} " +
            $"sent={flow.Sent} accepted={accepted.Count} stored={stored} delivered={delivered.Count} duplicated={duplicated} (bound {kills * Concurrent}) lost={lost} " +
            $"5xx={flow.ServerErrors} no_answer={flow.NoAnswer} spoiled_sent={spoiled.Sent} spoiled_answered={spoiled.Answered} spoiled_401_403={spoiled.Refused} " +
            $"valid_401_403={flow.ValidRefused} credential_probes_refused={credentialFailures.Count} ({flow.Describe()})");

        Assert.Multiple(() =>
        {
            Assert.That(accepted, Is.Not.Empty, "events were accepted between the kills");
            Assert.That(allDelivered, Is.True, $"every accepted event was delivered at least once ({lost} lost)");
            Assert.That(lost, Is.Zero);
            Assert.That(duplicated, Is.LessThanOrEqualTo(kills * Concurrent), "duplicates only for the calls in flight at each kill");
            Assert.That(settled, Is.True, "no attempt is left pending (none stuck behind a dead worker's lease)");
            Assert.That(flow.ServerErrors, Is.Zero, "no 5xx answer");
            Assert.That(stored, Is.GreaterThanOrEqualTo(accepted.Count));
            Assert.That(credentialFailures, Is.Empty, "every valid credential is accepted after each restart");
            Assert.That(flow.ValidRefused, Is.Zero, "no valid credential was refused while events flowed");
            Assert.That(spoiled.Answered, Is.GreaterThan(0), "spoiled credentials were sent and answered");
            Assert.That(spoiled.Refused, Is.EqualTo(spoiled.Answered), "every answered spoiled request, and only those, got 401/403");
        });
    }

    /// <summary>Several applications, each with a subscription to the receiver; each ingests with its secret and with its organization's service token.</summary>
    private static async Task<List<FlowCredential>> CredentialsAsync(HttpClient master, string url, int applications)
    {
        var credentials = new List<FlowCredential>();
        for (var i = 0; i < applications; i++)
        {
            var tenant = await FaultServer.TenantWithSubscriptionAsync(master, url, name: $"Tenant {i}");
            credentials.Add(new FlowCredential(tenant.Secret, tenant.ApplicationId, tenant.EventType, Valid: true, "application secret"));
            var created = await master.PostAsJsonAsync("/api/v1/service_token", new { organization_id = tenant.OrganizationId, name = $"ingest {i}" });
            var token = (await created.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["biscuit"]!.GetValue<string>();
            credentials.Add(new FlowCredential(token, tenant.ApplicationId, tenant.EventType, Valid: true, "service token"));
        }

        return credentials;
    }

    /// <summary>Every valid credential reads its application's event types on the restarted server; answers the refusals.</summary>
    private static async Task<List<string>> RefusedCredentialsAsync(ServerProcess server, IEnumerable<FlowCredential> credentials, int restart)
    {
        var refused = new List<string>();
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        foreach (var credential in credentials)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/event_types?application_id={credential.ApplicationId}");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential.Bearer);
            using var response = await client.SendAsync(request);
            if (!response.IsSuccessStatusCode)
            {
                refused.Add($"after restart {restart}: {credential.Kind} of {credential.ApplicationId} answered {(int)response.StatusCode}");
            }
        }

        return refused;
    }
}
