using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Hook0.Tests.FaultInjection;
using Hook0.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace Hook0.Tests.Instances;

/// <summary>
/// Three server processes on one database, each with its delivery workers, and one loopback receiver (issue #20,
/// item 6). Events go to two subscriptions of one application: one limited (max_concurrency 2, a rate limit), one
/// not. Every attempt is delivered once (a duplicate only where a lease expired first), the limited subscription
/// never has more than 2 calls open at the receiver whatever instance sent them, and its calls never start faster
/// than its rate plus one second's burst. Reduced in CI (a few hundred events); <c>HOOK0_FAULT_SIZE=full</c>
/// sends 3,000. Throughput per instance count is measured in bench/, never asserted here.
/// </summary>
[Category(FaultSize.Category)]
[NonParallelizable]
public sealed class ThreeInstancesTests : ApiTest
{
    private const int Instances = 3;
    private const int MaxConcurrency = 2;
    private const int LeaseSeconds = 20;

    /// <summary>The receiver stamps arrivals, not the workers' picks: loopback and scheduling jitter on a shared 2-core machine.</summary>
    private static readonly TimeSpan ArrivalJitter = TimeSpan.FromMilliseconds(200);

    [Test]
    public async Task Three_instances_deliver_every_attempt_once_and_hold_one_subscriptions_limits_between_them()
    {
        var (events, rate) = (FaultSize.Pick(240, 3_000), FaultSize.Pick(40, 50));
        var tenant = await new Scenario(Master()).TenantAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var open = 0;
        var maxOpen = 0;
        var limitedStarts = new ConcurrentQueue<DateTime>();
        receiver.Respond = async (_, ctx) =>
        {
            if (ctx.Request.Path == "/limited")
            {
                // Stamped on arrival; Received stamps after the body was read. A call lasts 30 ms, so two slots
                // could carry ~66 calls/s: above the rate limit, the concurrency limit is really tested too.
                limitedStarts.Enqueue(DateTime.UtcNow);
                var now = Interlocked.Increment(ref open);
                InterlockedMax(ref maxOpen, now);
                try
                {
                    await Task.Delay(30);
                    await ctx.Response.WriteAsync("ok");
                }
                finally
                {
                    Interlocked.Decrement(ref open);
                }
            }
            else
            {
                await ctx.Response.WriteAsync("ok");
            }
        };
        await SubscribeAsync(tenant, receiver.Url("/limited"), new Dictionary<string, object?> { ["max_concurrency"] = MaxConcurrency, ["rate_limit_per_second"] = rate });
        await SubscribeAsync(tenant, receiver.Url("/unlimited"), []);

        var servers = await Task.WhenAll(Enumerable.Range(1, Instances).Select(i => FaultServer.StartAsync(new Dictionary<string, string?>
        {
            ["DATABASE_URL"] = Database.ConnectionString, ["MASTER_API_KEY"] = Hook0Factory.MasterKey, ["NO_AUTO_DB_MIGRATION"] = "true",
            ["BISCUIT_PRIVATE_KEY"] = Hook0Factory.BiscuitPrivateKey, ["DISABLE_TARGET_IP_CHECK"] = "true",
            ["WORKER_NAME"] = $"instance-{i}", ["DELIVERY_LEASE_SECONDS"] = $"{LeaseSeconds}", ["TIMEOUT_MS"] = "5000",
            ["CONCURRENT"] = "8", ["DELIVERY_POLL_INTERVAL_MS"] = "100", ["HOUSEKEEPING_ENABLED"] = "false",
        })));
        try
        {
            var sent = await IngestAsync(servers, tenant, events);
            var delivered = await Eventually.HoldsAsync(() => Task.FromResult(
                    sent.IsSubsetOf(Ids(receiver, "/limited")) && sent.IsSubsetOf(Ids(receiver, "/unlimited"))),
                TimeSpan.FromSeconds(30 + (events / rate)), TimeSpan.FromMilliseconds(200));
            // Anything delivered twice would show up in the moment after the last first delivery.
            await Task.Delay(500);

            var (unexplained, explained) = Duplicates(receiver);
            var starts = limitedStarts.OrderBy(t => t).ToList();
            var (worstCount, worstSeconds) = WorstWindow(starts, rate);
            var workers = await DeliveringWorkersAsync();
            // When not everything arrived, what the database and the instances say (the queue's states, the warnings).
            var diagnosis = delivered ? string.Empty : await Database.ScalarAsync<string>("""
                SELECT concat_ws(' ', 'queue:', (SELECT count(*) FROM webhook.delivery_queue), 'leased:',
                    (SELECT count(*) FROM webhook.delivery_queue WHERE lease_until > now()), 'metered:',
                    (SELECT count(*) FROM webhook.delivery_queue WHERE metered), 'history:',
                    (SELECT string_agg(outcome || coalesce(':' || reason, '') || '=' || n, ',') FROM
                        (SELECT outcome, reason, count(*) AS n FROM webhook.attempt GROUP BY 1, 2) h))
                """) + "\n" + string.Join('\n', servers.First().Output.SkipWhile(l => !l.StartsWith("fail:", StringComparison.Ordinal)).Take(12));
            FaultSize.Report(nameof(ThreeInstancesTests), $"instances={Instances} events={events} deliveries={receiver.Received.Count} " +
                $"limited: max_open={maxOpen} (limit {MaxConcurrency}) rate={rate}/s worst_window={worstCount} calls in {worstSeconds:F3}s " +
                $"duplicates: after_lease={explained} unexplained={unexplained} workers={string.Join(',', workers)}");

            Assert.Multiple(() =>
            {
                Assert.That(delivered, Is.True, $"every event reached both subscriptions; {diagnosis}");
                Assert.That(unexplained, Is.Zero, "no attempt was delivered twice unless its lease had expired first");
                Assert.That(maxOpen, Is.LessThanOrEqualTo(MaxConcurrency), "the limited subscription never had more calls open than its max_concurrency, across the three instances");
                Assert.That(worstCount, Is.LessThanOrEqualTo(Allowed(worstSeconds, rate)),
                    $"the limited subscription's calls never started faster than {rate}/s plus one second's burst ({worstCount} in {worstSeconds:F3}s)");
                Assert.That(workers, Has.Count.GreaterThanOrEqualTo(2), "the deliveries were shared between instances");
            });
        }
        finally
        {
            await Task.WhenAll(servers.Select(async s =>
            {
                await s.StopAsync();
                await s.DisposeAsync();
            }));
        }
    }

    private static async Task SubscribeAsync(Tenant tenant, string url, Dictionary<string, object?> limits)
    {
        var body = new Dictionary<string, object?>(limits)
        {
            ["application_id"] = tenant.ApplicationId, ["is_enabled"] = true, ["event_types"] = new[] { tenant.EventType },
            ["labels"] = new Dictionary<string, string> { ["env"] = "prod" },
            ["target"] = new { type = "http", method = "POST", url, headers = new Dictionary<string, string>() },
        };
        await PostJsonAsync(Master(), "/api/v1/subscriptions", body);
    }

    /// <summary>Posts the events through the three instances in turn (eight at a time), answering the ids accepted.</summary>
    private static async Task<HashSet<string>> IngestAsync(ServerProcess[] servers, Tenant tenant, int events)
    {
        var clients = servers.Select(s =>
        {
            var client = new HttpClient { BaseAddress = s.BaseAddress };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tenant.Secret);
            return client;
        }).ToArray();
        var accepted = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, events), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (n, ct) =>
        {
            var id = Guid.NewGuid();
            var response = await clients[n % clients.Length].PostAsJsonAsync("/api/v1/event", Scenario.Event(tenant.ApplicationId, tenant.EventType, eventId: id), ct);
            Assert.That((int)response.StatusCode, Is.EqualTo(201), await response.Content.ReadAsStringAsync(ct));
            accepted.Add(id.ToString());
        });
        foreach (var client in clients)
        {
            client.Dispose();
        }

        return [.. accepted];
    }

    private static IEnumerable<string> Ids(WebhookReceiver receiver, string path)
        => receiver.Received.Where(r => r.Path == path).Select(r => r.Headers["x-event-id"]);

    /// <summary>
    /// Deliveries of the same event to the same subscription beyond the first: explained when the later one came at
    /// least a lease after the earlier (the earlier worker's lease had run out), unexplained otherwise.
    /// </summary>
    private static (int Unexplained, int AfterLease) Duplicates(WebhookReceiver receiver)
    {
        var (unexplained, afterLease) = (0, 0);
        foreach (var group in receiver.Received.GroupBy(r => (r.Path, Id: r.Headers["x-event-id"])).Where(g => g.Count() > 1))
        {
            var times = group.Select(r => r.At).Order().ToList();
            for (var i = 1; i < times.Count; i++)
            {
                if (times[i] - times[i - 1] >= TimeSpan.FromSeconds(LeaseSeconds) - ArrivalJitter)
                {
                    afterLease++;
                }
                else
                {
                    unexplained++;
                }
            }
        }

        return (unexplained, afterLease);
    }

    /// <summary>Calls allowed to start within <paramref name="seconds"/>: the rate over that time (plus arrival jitter) and one second's burst.</summary>
    private static int Allowed(double seconds, int rate) => (int)Math.Floor(rate * (seconds + ArrivalJitter.TotalSeconds)) + rate;

    /// <summary>The window of consecutive starts that comes closest to (or goes furthest over) what the limit allows.</summary>
    private static (int Count, double Seconds) WorstWindow(List<DateTime> starts, int rate)
    {
        var worst = (Count: 0, Seconds: 0.0, Margin: int.MaxValue);
        for (var i = 0; i < starts.Count; i++)
        {
            for (var j = i; j < starts.Count; j++)
            {
                var seconds = (starts[j] - starts[i]).TotalSeconds;
                var margin = Allowed(seconds, rate) - (j - i + 1);
                if (margin < worst.Margin)
                {
                    worst = (j - i + 1, seconds, margin);
                }
            }
        }

        return (worst.Count, worst.Seconds);
    }

    /// <summary>
    /// The worker names that recorded deliveries (the API does not show them): from whichever attempt layout this
    /// build's schema has (wave one's request_attempt, or the second design's history).
    /// </summary>
    private static async Task<List<string>> DeliveringWorkersAsync()
    {
        var waveOne = await Database.ScalarAsync<bool>("SELECT to_regclass('webhook.request_attempt') IS NOT NULL");
        var table = waveOne ? "webhook.request_attempt" : "webhook.attempt";
        var names = await Database.ScalarAsync<string>($"SELECT string_agg(DISTINCT worker_name, ',') FROM {table} WHERE worker_name IS NOT NULL");
        return [.. (names ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries)];
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
