using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.FaultInjection;

/// <summary>
/// Events flowing while faults are injected: a few senders post <c>POST /api/v1/event</c> with their own
/// event ids to whatever server is current, and count every answer. Only a 201 counts as accepted.
/// With several credentials, each request takes the next one, and one in <c>spoilEvery</c> is sent
/// with a spoiled copy: 401/403 answers are counted apart for the spoiled and the valid ones.
/// </summary>
internal sealed class EventFlow : IDisposable
{
    private readonly HttpClient _client = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(2) }) { Timeout = TimeSpan.FromSeconds(20) };
    private readonly Func<Uri?> _server;
    private readonly IReadOnlyList<FlowCredential> _credentials;
    private readonly int _spoilEvery;
    private int _sent;
    private int _spoiledSent;
    private int _spoiledAnswered;
    private int _spoiledRefused;
    private int _validRefused;
    private int _noAnswer;
    private int _unavailable;
    private int _unavailableWithoutRetryAfter;

    public EventFlow(Func<Uri?> server, string secret, Guid applicationId, string eventType)
        : this(server, [new FlowCredential(secret, applicationId, eventType, Valid: true, "application secret")])
    {
    }

    public EventFlow(Func<Uri?> server, IReadOnlyList<FlowCredential> credentials, int spoilEvery = 0)
    {
        _server = server;
        _credentials = credentials;
        _spoilEvery = spoilEvery;
    }

    public ConcurrentDictionary<Guid, byte> Accepted { get; } = new();

    /// <summary>Requests sent with a spoiled credential, how many got an answer, and how many of those were 401/403.</summary>
    public (int Sent, int Answered, int Refused) Spoiled => (_spoiledSent, _spoiledAnswered, _spoiledRefused);

    /// <summary>401/403 answers to requests with a valid credential: must stay zero across restarts.</summary>
    public int ValidRefused => _validRefused;

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
            if (_server() is not { } target)
            {
                await Task.Delay(20, CancellationToken.None);
                continue;
            }

            var id = Guid.NewGuid();
            var n = Interlocked.Increment(ref _sent);
            var credential = _credentials[n % _credentials.Count];
            if (_spoilEvery > 0 && n % _spoilEvery == 0)
            {
                credential = credential.Spoiled(new Random(n));
                Interlocked.Increment(ref _spoiledSent);
            }

            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(target, "/api/v1/event"))
                {
                    Content = JsonContent.Create(Scenario.Event(credential.ApplicationId, credential.EventType, eventId: id)),
                };
                if (credential.Bearer is not null)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential.Bearer);
                }

                using var response = await _client.SendAsync(request, CancellationToken.None);
                if (!credential.Valid)
                {
                    Interlocked.Increment(ref _spoiledAnswered);
                }

                switch (response.StatusCode)
                {
                    case HttpStatusCode.Created when credential.Valid:
                        Accepted[id] = 0;
                        break;
                    case HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden:
                        Interlocked.Increment(ref credential.Valid ? ref _validRefused : ref _spoiledRefused);
                        Others.AddOrUpdate((int)response.StatusCode, 1, (_, c) => c + 1);
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
