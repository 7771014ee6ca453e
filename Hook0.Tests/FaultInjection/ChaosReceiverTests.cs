using System.Collections.Concurrent;
using System.Net.Http.Json;
using Hook0.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Npgsql;

namespace Hook0.Tests.FaultInjection;

/// <summary>(c) A receiver answering 500s, 429s, slow bodies, resets and timeouts at random: every event ends delivered or dead-lettered, with a correct history.</summary>
[Category(FaultSize.Category)]
[NonParallelizable]
public sealed class ChaosReceiverTests : ApiTest
{
    private const int MaxRetries = 3;
    private static readonly string[] Behaviours = ["ok", "ok", "ok", "500", "429", "503", "slow", "reset", "timeout"];

    [Test]
    public async Task Every_event_ends_delivered_or_dead_lettered_with_a_consistent_attempt_history()
    {
        var events = FaultSize.Pick(150, 1500);
        var random = new Random(FaultSize.Seed);
        var seen = new ConcurrentDictionary<string, ConcurrentBag<string>>();
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond = async (_, ctx) =>
        {
            string behaviour;
            lock (random)
            {
                behaviour = Behaviours[random.Next(Behaviours.Length)];
            }

            seen.GetOrAdd(ctx.Request.Headers["x-event-id"].ToString(), _ => []).Add(behaviour);
            switch (behaviour)
            {
                case "500":
                    ctx.Response.StatusCode = 500;
                    await ctx.Response.WriteAsync("boom");
                    break;
                case "429" or "503":
                    ctx.Response.StatusCode = behaviour == "429" ? 429 : 503;
                    ctx.Response.Headers.RetryAfter = "1";
                    break;
                case "slow":
                    ctx.Response.StatusCode = 200;
                    await ctx.Response.WriteAsync("slo");
                    await ctx.Response.Body.FlushAsync();
                    await Task.Delay(300);
                    await ctx.Response.WriteAsync("w");
                    break;
                case "reset":
                    ctx.Abort();
                    break;
                case "timeout":
                    await Task.Delay(1500, ctx.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                    break;
                default:
                    await ctx.Response.WriteAsync("ok");
                    break;
            }
        };
        // Half of the answers fail at random, so the circuit breaker (ADR 0030) opens now and then: its cool-down is made
        // as short as the retry schedule here, since this test is about every history ending consistent, not about waiting.
        await using var host = new DeliveryHost(new Dictionary<string, string?>
        {
            ["TIMEOUT_MS"] = "800", ["CONCURRENT"] = "16", ["CIRCUIT_BREAKER_COOLDOWN_IN_S"] = "1", ["CIRCUIT_BREAKER_MAX_COOLDOWN_IN_S"] = "2",
        });
        var master = host.Master();
        var tenant = await new Scenario(master).TenantAsync();
        var subscription = await master.PostAsJsonAsync("/api/v1/subscriptions", new Dictionary<string, object?>
        {
            ["application_id"] = tenant.ApplicationId, ["is_enabled"] = true, ["event_types"] = new[] { tenant.EventType },
            ["labels"] = new Dictionary<string, string> { ["env"] = "prod" },
            ["target"] = new { type = "http", method = "POST", url = receiver.Url(), headers = new Dictionary<string, string>() },
            ["retry_policy"] = new { max_retries = MaxRetries, schedule = new[] { 1, 1, 1 } },
        });
        Assert.That((int)subscription.StatusCode, Is.EqualTo(201), await subscription.Content.ReadAsStringAsync());

        for (var sent = 0; sent < events; sent += 100)
        {
            var batch = Enumerable.Range(0, Math.Min(100, events - sent)).Select(_ => Scenario.Event(tenant.ApplicationId, tenant.EventType)).ToArray();
            var answer = await master.PostAsJsonAsync("/api/v1/events/batch", batch);
            Assert.That((int)answer.StatusCode, Is.EqualTo(207));
        }

        var settled = await Eventually.HoldsAsync(async () =>
            await Database.ScalarAsync<long>("SELECT count(*) FROM webhook.delivery_queue") == 0,
            TimeSpan.FromSeconds(FaultSize.Pick(90, 300)), TimeSpan.FromMilliseconds(200));

        // Each event's history, oldest first.
        var histories = new Dictionary<Guid, List<(short Retry, bool Succeeded, bool Failed, string? Reason, string? Error, short? Code)>>();
        await using (var connection = new NpgsqlConnection(Database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("""
                SELECT event_id, attempt_number, outcome = 'succeeded', outcome <> 'succeeded', reason, response_error_name, http_code
                FROM webhook.attempt
                ORDER BY event_id, attempt_number
                """, connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var id = reader.GetGuid(0);
                if (!histories.TryGetValue(id, out var history))
                {
                    histories[id] = history = [];
                }

                history.Add((reader.GetInt16(1), reader.GetBoolean(2), reader.GetBoolean(3), reader.IsDBNull(4) ? null : reader.GetString(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetInt16(6)));
            }
        }

        var problems = new List<string>();
        int delivered = 0, deadLettered = 0;
        foreach (var (id, history) in histories)
        {
            var last = history[^1];
            if (!history.Select(h => (int)h.Retry).SequenceEqual(Enumerable.Range(0, history.Count)))
            {
                problems.Add($"{id}: retry counts {string.Join(',', history.Select(h => h.Retry))}");
            }

            if (history.SkipLast(1).Any(h => !h.Failed || h.Succeeded || h.Reason is not null || h.Error is null))
            {
                problems.Add($"{id}: an earlier try is not a recorded failure followed by its retry");
            }

            if (history.Where(h => h.Failed).Any(h => h.Error is not ("E_HTTP" or "E_TIMEOUT" or "E_CONNECTION")
                || (h.Error == "E_HTTP") != (h.Code is not null and not (>= 200 and < 300))))
            {
                problems.Add($"{id}: a failure with a wrong error ({string.Join(',', history.Select(h => $"{h.Error}/{h.Code}"))})");
            }

            if (last.Succeeded && last.Code is >= 200 and < 300)
            {
                delivered++;
            }
            else if (last.Failed && last.Reason == "exhausted" && last.Retry == MaxRetries)
            {
                deadLettered++;
            }
            else
            {
                problems.Add($"{id}: ends neither delivered nor dead-lettered ({last})");
            }

            var calls = seen.TryGetValue(id.ToString(), out var bag) ? bag.Count : 0;
            if (calls < history.Count)
            {
                problems.Add($"{id}: {history.Count} tries recorded but the receiver saw {calls} calls");
            }
        }

        var answers = seen.Values.SelectMany(b => b).GroupBy(b => b).Select(g => $"{g.Key}x{g.Count()}");
        FaultSize.Report(nameof(ChaosReceiverTests), $"sent={events} accepted={histories.Count} delivered={delivered} dead_lettered={deadLettered} " +
            $"lost={events - delivered - deadLettered} tries={histories.Values.Sum(h => h.Count)} receiver_answers={string.Join(',', answers)}");
        Assert.Multiple(() =>
        {
            Assert.That(settled, Is.True, "every attempt reached an end");
            Assert.That(histories, Has.Count.EqualTo(events), "every event got its attempts");
            Assert.That(delivered + deadLettered, Is.EqualTo(events));
            Assert.That(problems, Is.Empty);
        });
    }
}
