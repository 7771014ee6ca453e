using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Text.Json.Nodes;
using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.Delivery.Tail;

/// <summary>
/// <c>GET /api/v1/request_attempts/stream</c>: finished attempts as server-sent events, fed from the database (the
/// streaming instance here delivers nothing: another instance's deliveries reach it through the history and NOTIFY).
/// </summary>
[NonParallelizable]
public sealed class AttemptStreamTests : ApiTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    /// <summary>An open stream: its response and the events read from it so far.</summary>
    private sealed class OpenStream(HttpResponseMessage response, IAsyncEnumerator<SseItem<string>> events) : IAsyncDisposable
    {
        public HttpResponseMessage Response => response;

        public async Task<List<SseItem<string>>> ReadAsync(int count)
        {
            var read = new List<SseItem<string>>();
            using var timeout = new CancellationTokenSource(Wait);
            while (read.Count < count)
            {
                var next = events.MoveNextAsync().AsTask();
                if (await Task.WhenAny(next, Task.Delay(Timeout.Infinite, timeout.Token).ContinueWith(_ => false, TaskScheduler.Default)) != next || !await next)
                {
                    Assert.Fail($"expected {count} events, got {read.Count}");
                }

                read.Add(events.Current);
            }

            return read;
        }

        /// <summary>Whether the server ended the stream (within the wait).</summary>
        public async Task<bool> EndsAsync()
        {
            var next = events.MoveNextAsync().AsTask();
            return await Task.WhenAny(next, Task.Delay(Wait)) == next && !await next;
        }

        public async ValueTask DisposeAsync()
        {
            await events.DisposeAsync();
            response.Dispose();
        }
    }

    private static async Task<OpenStream> OpenAsync(HttpClient client, Guid applicationId, string? lastEventId = null, Guid? subscriptionId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/request_attempts/stream?application_id={applicationId}"
            + (subscriptionId is { } s ? $"&subscription_id={s}" : ""));
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if (!response.IsSuccessStatusCode)
        {
            return new OpenStream(response, AsyncEnumerable.Empty<SseItem<string>>().GetAsyncEnumerator());
        }

        var body = await response.Content.ReadAsStreamAsync();
        return new OpenStream(response, SseParser.Create(body).EnumerateAsync().GetAsyncEnumerator());
    }

    private static string EventIdOf(SseItem<string> item) => JsonNode.Parse(item.Data)!["event_id"]!.GetValue<string>();

    [Test]
    public async Task Attempts_finished_on_another_instance_stream_in_order_and_a_resume_after_the_last_id_misses_and_repeats_nothing()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var streaming = new DeliveryHost(new Dictionary<string, string?> { ["DELIVERY_WORKERS_ENABLED"] = "false", ["ATTEMPT_STREAM_MAX_SECONDS"] = "3600" });
        await using var delivering = new DeliveryHost(new Dictionary<string, string?> { ["ATTEMPT_STREAM_MAX_SECONDS"] = "3600" });
        using var master = delivering.Master();
        var scenario = new Scenario(master);
        var tenant = await scenario.TenantAsync();
        await scenario.SubscriptionAsync(tenant.ApplicationId, [tenant.EventType], url: receiver.Url());
        using var watcher = streaming.Master();
        var events = new List<Guid>();
        async Task DeliverAsync()
        {
            // One at a time, so that completion order is ingestion order.
            events.Add(await scenario.IngestAsync(tenant.ApplicationId, tenant.EventType));
            await receiver.WaitForAsync(events.Count, Wait);
        }

        List<SseItem<string>> first;
        await using (var stream = await OpenAsync(watcher, tenant.ApplicationId))
        {
            Assert.That(stream.Response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/event-stream"));
            for (var i = 0; i < 3; i++)
            {
                await DeliverAsync();
            }

            first = await stream.ReadAsync(3);
        }

        await DeliverAsync();
        await DeliverAsync();
        await using var resumed = await OpenAsync(watcher, tenant.ApplicationId, lastEventId: first[0].EventId);
        var rest = await resumed.ReadAsync(4);
        await DeliverAsync();
        var next = await resumed.ReadAsync(1);

        Assert.Multiple(() =>
        {
            Assert.That(first.Select(EventIdOf), Is.EqualTo(events.Take(3).Select(e => e.ToString())));
            Assert.That(first.Select(e => e.EventType), Is.All.EqualTo("request_attempt"));
            Assert.That(first.Select(e => JsonNode.Parse(e.Data)!["status"]!["type"]!.GetValue<string>()), Is.All.EqualTo("successful"));
            Assert.That(rest.Select(EventIdOf), Is.EqualTo(events.Skip(1).Take(4).Select(e => e.ToString())), "after the first id: nothing missed, nothing repeated");
            Assert.That(rest.Take(2).Select(e => e.EventId), Is.EqualTo(first.Skip(1).Select(e => e.EventId)), "the same ids on both streams");
            Assert.That(next.Select(EventIdOf), Is.EqualTo(new[] { events[5].ToString() }));
        });
    }

    [Test]
    public async Task A_subscription_filter_keeps_only_its_attempts()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = new DeliveryHost(new Dictionary<string, string?> { ["ATTEMPT_STREAM_MAX_SECONDS"] = "3600" });
        using var master = host.Master();
        var scenario = new Scenario(master);
        var tenant = await scenario.TenantAsync();
        var wanted = (await scenario.SubscriptionAsync(tenant.ApplicationId, [tenant.EventType], url: receiver.Url("/wanted")))["subscription_id"]!.GetValue<Guid>();
        await scenario.SubscriptionAsync(tenant.ApplicationId, [tenant.EventType], url: receiver.Url("/other"));
        await using var stream = await OpenAsync(master, tenant.ApplicationId, subscriptionId: wanted);
        await scenario.IngestAsync(tenant.ApplicationId, tenant.EventType);
        await receiver.WaitForAsync(2, Wait);
        var second = await scenario.IngestAsync(tenant.ApplicationId, tenant.EventType);
        await receiver.WaitForAsync(4, Wait);

        var read = await stream.ReadAsync(2);
        Assert.That(read.Select(e => JsonNode.Parse(e.Data)!["subscription"]!["subscription_id"]!.GetValue<Guid>()), Is.All.EqualTo(wanted));
        Assert.That(EventIdOf(read[1]), Is.EqualTo(second.ToString()));
    }

    [Test]
    public async Task Refusals_come_before_the_stream_as_problems()
    {
        var scenario = new Scenario(Master());
        var tenant = await scenario.TenantAsync();
        var other = await scenario.TenantAsync("Other");

        await using var foreign = await OpenAsync(As(other.Secret), tenant.ApplicationId);
        await using var unknownSubscription = await OpenAsync(Master(), tenant.ApplicationId, subscriptionId: Guid.NewGuid());
        await using var badId = await OpenAsync(Master(), tenant.ApplicationId, lastEventId: "not-a-cursor");
        await using var longId = await OpenAsync(Master(), tenant.ApplicationId, lastEventId: new string('a', 600));
        await using var anonymous = await OpenAsync(Anonymous(), tenant.ApplicationId);

        Assert.That((int)foreign.Response.StatusCode, Is.EqualTo(403));
        Assert.That(foreign.Response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        await AssertProblemAsync(unknownSubscription.Response, 404, "NotFound");
        await AssertProblemAsync(badId.Response, 400, "InvalidParameter");
        await AssertProblemAsync(longId.Response, 400, "InvalidParameter");
        Assert.That((int)anonymous.Response.StatusCode, Is.EqualTo(401));
    }

    [Test]
    public async Task A_credential_holds_at_most_its_cap_of_streams_each_ending_at_the_maximum_duration()
    {
        await using var host = new DeliveryHost(new Dictionary<string, string?>
        {
            ["DELIVERY_WORKERS_ENABLED"] = "false",
            ["ATTEMPT_STREAM_MAX_PER_CREDENTIAL"] = "2",
            ["ATTEMPT_STREAM_MAX_SECONDS"] = "3",
        });
        using var master = host.Master();
        var tenant = await new Scenario(master).TenantAsync();
        await using var one = await OpenAsync(master, tenant.ApplicationId);
        await using var two = await OpenAsync(master, tenant.ApplicationId);
        await using var three = await OpenAsync(master, tenant.ApplicationId);
        await AssertProblemAsync(three.Response, 429, "TooManyStreams");
        await using var otherCredential = await OpenAsync(host.Factory.CreateClient().WithBearer(tenant.Secret), tenant.ApplicationId);

        Assert.That((int)otherCredential.Response.StatusCode, Is.EqualTo(200), "the cap is per credential");
        Assert.That(await one.EndsAsync(), Is.True, "the server ends a stream at its maximum duration");
        Assert.That(await two.EndsAsync(), Is.True);
        await using var again = await OpenAsync(master, tenant.ApplicationId);
        Assert.That((int)again.Response.StatusCode, Is.EqualTo(200), "ended streams free their places");
    }
}

internal static class BearerClient
{
    public static HttpClient WithBearer(this HttpClient client, string token)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
