using System.CommandLine;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Hook0.Cli.Commands;

/// <summary>
/// <c>hook0 listen --subscription &lt;id&gt; --forward http://localhost:5000/webhooks</c>: receives the deliveries of a
/// subscription whose target is <c>{"type": "cli"}</c> over an outbound WebSocket (SignalR) to the server — no inbound
/// port, no tunnel — and POSTs each to the local URL with the headers the server signed, answering with the local
/// response, which the server records as the attempt's response. One delivery at a time, in due order. Reconnects by
/// itself; while it is away the attempts wait on the server, consuming no retry.
/// </summary>
internal static class ListenCommand
{
    /// <summary>The body excerpt sent back (the server keeps 64 KiB by default).</summary>
    private const int MaxAnswerBodyBytes = 64 * 1024;

    public static Command Create()
    {
        var subscription = new Option<Guid>("--subscription") { Description = "The cli subscription to receive", Required = true };
        var forward = new Option<string>("--forward") { Description = "The local URL each delivery is POSTed to", Required = true };
        var command = new Command("listen", "Receive a cli subscription's deliveries and forward them to a local URL (until Ctrl+C)") { subscription, forward };
        command.SetAction(async (parse, ct) =>
        {
            var target = Output.AbsoluteUri(parse.GetValue(forward)!, "--forward");
            var subscriptionId = parse.GetValue(subscription);
            var credentials = await Credentials.LoadAsync(ct) ?? throw new CliException("Not logged in: run `hook0 login --url <server> --token <token>` first.");
            using var local = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            await using var connection = new HubConnectionBuilder()
                .WithUrl(new Uri(credentials.Url, "api/v1/cli/listen"), o =>
                {
                    // A WebSocket straight away, the token in its Authorization header (never in the URL, where logs keep it).
                    o.SkipNegotiation = true;
                    o.Transports = HttpTransportType.WebSockets;
                    o.AccessTokenProvider = () => Task.FromResult<string?>(credentials.Token);
                })
                .WithAutomaticReconnect(new ForeverRetry())
                .Build();
            var output = parse.InvocationConfiguration.Output;
            connection.On<ForwardRequest, ForwardAnswer>("Deliver", request => ForwardAsync(local, target, request, output));
            connection.Reconnected += async _ =>
            {
                await connection.InvokeAsync("Listen", subscriptionId, CancellationToken.None);
                await Console.Error.WriteLineAsync("Reconnected");
            };
            connection.Reconnecting += async e => await Console.Error.WriteLineAsync($"Disconnected ({e?.Message}); reconnecting");
            try
            {
                await connection.StartAsync(ct);
                await connection.InvokeAsync("Listen", subscriptionId, ct);
            }
            catch (HubException refused)
            {
                // The server's refusal ("Forbidden: …", "NotFound: …"), without SignalR's wrapping.
                var message = refused.Message;
                var at = message.IndexOf("HubException: ", StringComparison.Ordinal);
                throw new CliException(at >= 0 ? message[(at + "HubException: ".Length)..] : message);
            }
            catch (HttpRequestException e)
            {
                throw new CliException($"Cannot connect to {credentials.Url}: {e.Message}");
            }

            await Console.Error.WriteLineAsync($"Listening for subscription {subscriptionId}, forwarding to {target}");
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C.
            }

            return 0;
        });
        return command;
    }

    private static async Task<ForwardAnswer> ForwardAsync(HttpClient local, Uri target, ForwardRequest request, TextWriter output)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ByteArrayContent(request.Body) };
        foreach (var (name, value) in request.Headers)
        {
            if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                message.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        try
        {
            using var response = await local.SendAsync(message, HttpCompletionOption.ResponseHeadersRead);
            await using var stream = await response.Content.ReadAsStreamAsync();
            var buffer = new byte[MaxAnswerBodyBytes + 1];
            var read = 0;
            int n;
            while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read))) > 0)
            {
                read += n;
            }

            var headers = response.Headers.Concat(response.Content.Headers)
                .GroupBy(h => h.Key.ToLowerInvariant())
                .ToDictionary(g => g.Key, g => string.Join(", ", g.SelectMany(h => h.Value)));
            await output.WriteLineAsync($"{request.EventType} {request.EventId} -> {(int)response.StatusCode}");
            return new ForwardAnswer((int)response.StatusCode, headers, buffer[..Math.Min(read, MaxAnswerBodyBytes)], read > MaxAnswerBodyBytes, null);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            await output.WriteLineAsync($"{request.EventType} {request.EventId} -> {e.Message}");
            return new ForwardAnswer(null, null, null, false, e.Message);
        }
    }

    /// <summary>Keeps trying every few seconds: a laptop that slept or lost its network comes back by itself.</summary>
    private sealed class ForeverRetry : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext retryContext) => TimeSpan.FromSeconds(Math.Min(10, 1 + retryContext.PreviousRetryCount));
    }
}

/// <summary>The server's <c>Deliver</c> request (mirrors the server's ForwardRequest; the CLI does not reference the server).</summary>
internal sealed record ForwardRequest(Guid EventId, string EventType, List<KeyValuePair<string, string>> Headers, byte[] Body);

/// <summary>The answer sent back: the local response, or the error that kept it from being reached.</summary>
internal sealed record ForwardAnswer(int? Status, Dictionary<string, string>? Headers, byte[]? Body, bool BodyTruncated, string? Error);
