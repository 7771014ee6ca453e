using System.Collections.Concurrent;
using Hook0.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Hook0.Tests.Client;

/// <summary>
/// A consumer's container: <c>AddHook0Client</c> as a user calls it, with the live test server as the transport. A
/// test can answer some attempts itself (a 503 before the server sees them, or after, as a lost answer would).
/// </summary>
public sealed class ClientHost : IDisposable
{
    private readonly ServiceProvider _services;

    public ClientHost(string token, Guid applicationId, Action<IServiceCollection>? configure = null, Action<Hook0ClientOptions>? options = null)
    {
        var services = new ServiceCollection();
        configure?.Invoke(services);
        services.AddHook0Client(o =>
            {
                o.BaseAddress = new Uri("http://localhost/");
                o.Token = token;
                o.ApplicationId = applicationId;
                options?.Invoke(o);
            })
            .ConfigurePrimaryHttpMessageHandler(() => new Transport(this, ApiFixture.Factory.Server.CreateHandler()));
        _services = services.BuildServiceProvider();
    }

    public Hook0Client Client => _services.GetRequiredService<Hook0Client>();

    /// <summary>Every attempt that left the client, in order (method and path).</summary>
    public ConcurrentQueue<string> Attempts { get; } = new();

    /// <summary>Answers attempt n (0-based) instead of the server, or after it (when <c>AfterServer</c>); null lets the server answer.</summary>
    public Func<int, (HttpResponseMessage Response, bool AfterServer)?> Intercept { get; set; } = _ => null;

    public void Dispose() => _services.Dispose();

    private sealed class Transport(ClientHost host, HttpMessageHandler server) : DelegatingHandler(server)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var n = host.Attempts.Count;
            host.Attempts.Enqueue($"{request.Method} {request.RequestUri!.AbsolutePath}");
            if (host.Intercept(n) is not { } intercepted)
            {
                return await base.SendAsync(request, cancellationToken);
            }

            if (intercepted.AfterServer)
            {
                (await base.SendAsync(request, cancellationToken)).Dispose();
            }

            intercepted.Response.RequestMessage = request;
            return intercepted.Response;
        }
    }
}
