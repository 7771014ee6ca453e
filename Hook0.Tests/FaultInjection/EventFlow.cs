using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.FaultInjection;

/// <summary>
/// Events flowing while faults are injected: a few senders post <c>POST /api/v1/event</c> with their own
/// event ids to whatever server is current, and count every answer. Only a 201 counts as accepted.
/// </summary>
internal sealed class EventFlow(Func<Uri?> server, string secret, Guid applicationId, string eventType) : IDisposable
{
    private readonly HttpClient _client = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(2) }) { Timeout = TimeSpan.FromSeconds(20) };
    private int _sent;
    private int _noAnswer;
    private int _unavailable;
    private int _unavailableWithoutRetryAfter;

    public ConcurrentDictionary<Guid, byte> Accepted { get; } = new();

    /// <summary>Answers other than 201 and 503, by status.</summary>
    public ConcurrentDictionary<int, int> Others { get; } = new();

    public int Sent => _sent;

    public int NoAnswer => _noAnswer;

    public int Unavailable => _unavailable;

    public int UnavailableWithoutRetryAfter => _unavailableWithoutRetryAfter;

    public int ServerErrors => Others.Where(kv => kv.Key >= 500).Sum(kv => kv.Value) + _unavailable;

    public int ServerErrorsOtherThan503 => Others.Where(kv => kv.Key >= 500).Sum(kv => kv.Value);

    public Task RunAsync(int senders, TimeSpan pause, CancellationToken stop)
        => Task.WhenAll(Enumerable.Range(0, senders).Select(_ => Task.Run(() => SendLoopAsync(pause, stop), CancellationToken.None)));

    private async Task SendLoopAsync(TimeSpan pause, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            if (server() is not { } target)
            {
                await Task.Delay(20, CancellationToken.None);
                continue;
            }

            var id = Guid.NewGuid();
            Interlocked.Increment(ref _sent);
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(target, "/api/v1/event"))
                {
                    Content = JsonContent.Create(Scenario.Event(applicationId, eventType, eventId: id)),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
                using var response = await _client.SendAsync(request, CancellationToken.None);
                switch (response.StatusCode)
                {
                    case HttpStatusCode.Created:
                        Accepted[id] = 0;
                        break;
                    case HttpStatusCode.ServiceUnavailable:
                        Interlocked.Increment(ref _unavailable);
                        if (response.Headers.RetryAfter is null)
                        {
                            Interlocked.Increment(ref _unavailableWithoutRetryAfter);
                        }

                        break;
                    default:
                        Others.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                        break;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                Interlocked.Increment(ref _noAnswer); // the server died or was not listening yet: not accepted
            }

            await Task.Delay(pause, CancellationToken.None);
        }
    }

    public string Describe()
        => $"sent={Sent} accepted={Accepted.Count} 503={Unavailable} no_answer={NoAnswer} other={string.Join(',', Others.Select(kv => $"{kv.Key}x{kv.Value}"))}";

    public void Dispose() => _client.Dispose();
}
