using System.Collections.Concurrent;
using Hook0.Modules.Delivery.Lifecycle;
using Hook0.Modules.Delivery.Sending.TargetGuard;
using Microsoft.Extensions.Options;

namespace Hook0.Modules.Delivery.Sending.Egress;

/// <summary>
/// Picks the client an attempt is sent with. Subscriptions without a proxy keep the one pooled client
/// (<see cref="DeliveryHttpClient"/>, the fast path); each proxy gets a pooled client of its own, built once, whose
/// guarded connector tunnels through that proxy to the address it vetted.
/// </summary>
internal sealed class EgressClients(DeliveryHttpClient direct, EgressProxies proxies, IOptions<DeliveryOptions> options) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<HttpClient>> _clients = new(StringComparer.Ordinal);

    public EgressRoute For(ClaimedAttempt attempt)
    {
        var proxy = proxies.For(attempt.Proxy);
        if (proxy is null)
        {
            return new EgressRoute(direct.Client, null);
        }

        var client = _clients.GetOrAdd(proxy.Name, _ => new Lazy<HttpClient>(() => Build(proxy))).Value;
        return new EgressRoute(client, proxy.Name);
    }

    private HttpClient Build(EgressProxy proxy)
    {
        var handler = DeliveryHttpHandlerFactory.Create(DeliveryHttpClient.HandlerOptions(options.Value), new SystemDnsResolver(), new ProxyTunnelConnector(proxy));
        return new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values.Where(c => c.IsValueCreated))
        {
            client.Value.Dispose();
        }
    }
}

/// <summary>The client to send with and the proxy it goes through (recorded on the attempt; null when direct).</summary>
internal sealed record EgressRoute(HttpClient Client, string? Proxy);
