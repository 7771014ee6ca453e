using System.CommandLine;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;

namespace Hook0.Cli.Commands;

/// <summary>
/// <c>hook0 tail</c>: prints the application's request attempts as they finish, one JSON line each (the listing's
/// shape), from <c>GET /api/v1/request_attempts/stream</c>. When the connection drops (or the server closes it at its
/// maximum duration) it reconnects with the last event's id as <c>Last-Event-ID</c>, so nothing is missed or repeated.
/// </summary>
internal static class TailCommand
{
    private static readonly TimeSpan Reconnect = TimeSpan.FromSeconds(1);

    public static Command Create()
    {
        var subscription = new Option<Guid?>("--subscription") { Description = "Only this subscription's attempts" };
        var after = new Option<string?>("--after") { Description = "Start after this event id (a previous tail's last id) instead of now" };
        var count = new Option<int?>("--count") { Description = "Stop after this many attempts" };
        var application = new Option<Guid?>("--application") { Description = "The application (default: the one given at login)" };
        var command = new Command("tail", "Print request attempts as they finish (until Ctrl+C)") { subscription, after, count, application };
        command.SetAction(async (parse, ct) =>
        {
            await using var session = await Session.OpenAsync(parse.GetValue(application), ct);
            var url = new Uri(session.Credentials.Url, $"api/v1/request_attempts/stream?application_id={session.RequireApplication()}"
                + (parse.GetValue(subscription) is { } s ? $"&subscription_id={s}" : ""));
            using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", session.Credentials.Token);
            var lastId = parse.GetValue(after);
            var left = parse.GetValue(count) ?? int.MaxValue;
            var output = parse.InvocationConfiguration.Output;
            while (left > 0 && !ct.IsCancellationRequested)
            {
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, url);
                    request.Headers.Accept.ParseAdd("text/event-stream");
                    if (lastId is not null)
                    {
                        request.Headers.TryAddWithoutValidation("Last-Event-ID", lastId);
                    }

                    using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
                    if (!response.IsSuccessStatusCode)
                    {
                        // A refusal (403, 404, 429...) will not change by retrying: print its problem and stop.
                        throw new CliException(await RefusalAsync(response, ct));
                    }

                    // On stderr, so stdout stays one JSON attempt a line.
                    await Console.Error.WriteLineAsync(lastId is null ? "Streaming request attempts from now" : $"Streaming request attempts after {lastId}");
                    await using var body = await response.Content.ReadAsStreamAsync(ct);
                    await foreach (var item in SseParser.Create(body).EnumerateAsync(ct))
                    {
                        if (item.EventType != "request_attempt")
                        {
                            continue;
                        }

                        await output.WriteLineAsync(item.Data);
                        await output.FlushAsync(ct);
                        lastId = item.EventId ?? lastId;
                        if (--left == 0)
                        {
                            return 0;
                        }
                    }
                }
                catch (Exception e) when (e is HttpRequestException or IOException && !ct.IsCancellationRequested)
                {
                    await Console.Error.WriteLineAsync($"Disconnected ({e.Message}); reconnecting");
                }

                await Task.Delay(Reconnect, ct);
            }

            return 0;
        });
        return command;
    }

    private static async Task<string> RefusalAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        try
        {
            using var problem = System.Text.Json.JsonDocument.Parse(text);
            return $"{problem.RootElement.GetProperty("id").GetString()}: {problem.RootElement.GetProperty("detail").GetString()}";
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return $"HTTP {(int)response.StatusCode}";
        }
    }
}
