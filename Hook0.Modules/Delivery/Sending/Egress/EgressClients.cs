using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Hook0.Modules.Delivery.Lifecycle;
using Hook0.Modules.Delivery.Secrets;
using Hook0.Modules.Delivery.Sending.TargetGuard;
using Microsoft.Extensions.Options;

namespace Hook0.Modules.Delivery.Sending.Egress;

/// <summary>
/// Picks the client an attempt is sent with. Subscriptions with neither a proxy nor mutual TLS keep the one pooled
/// client (<see cref="DeliveryHttpClient"/>, the fast path). The others get a pooled client per egress profile — the
/// proxy, the client certificates and the pinned CA — built once and shared by every subscription with that profile;
/// its guarded connector tunnels through the proxy to the address it vetted, its TLS presents the certificates and
/// checks the receiver against the pinned CA.
/// </summary>
internal sealed class EgressClients(DeliveryHttpClient direct, EgressProxies proxies, SecretProtector protector, IOptions<DeliveryOptions> options) : IDisposable
{
    // Profiles are few (proxies × certificate sets); a bound keeps a churn of certificates from growing it forever.
    // Dropped clients are not disposed (a delivery may still use one): their pooled connections end by idle timeout.
    private const int MaxProfiles = 1_000;
    private readonly ConcurrentDictionary<string, Lazy<HttpClient>> _clients = new(StringComparer.Ordinal);

    public EgressRoute For(ClaimedAttempt attempt)
    {
        var proxy = proxies.For(attempt.Proxy);
        var certificates = attempt.ClientCertificates is { Count: > 0 } c ? c : null;
        if (proxy is null && certificates is null && attempt.ServerCaPem is null)
        {
            return new EgressRoute(direct.Client, null);
        }

        var key = $"{proxy?.Name}|{string.Join(',', certificates?.Select(x => x.Thumbprint) ?? [])}|{CaKey(attempt.ServerCaPem)}";
        if (_clients.Count >= MaxProfiles && !_clients.ContainsKey(key))
        {
            _clients.Clear();
        }

        var client = _clients.GetOrAdd(key, _ => new Lazy<HttpClient>(() => Build(proxy, certificates, attempt.ServerCaPem))).Value;
        return new EgressRoute(client, proxy?.Name);
    }

    private HttpClient Build(EgressProxy? proxy, IReadOnlyList<ClientCertificate>? certificates, string? serverCaPem)
    {
        var handlerOptions = DeliveryHttpClient.HandlerOptions(options.Value);
        var handler = proxy is null
            ? DeliveryHttpHandlerFactory.Create(handlerOptions)
            : DeliveryHttpHandlerFactory.Create(handlerOptions, new SystemDnsResolver(), new ProxyTunnelConnector(proxy));
        if (certificates is not null || serverCaPem is not null)
        {
            handler.SslOptions = MutualTls.ClientOptions(certificates?.Select(c => protector.Unprotect(c.SealedPem)).ToList(), serverCaPem);
        }

        return new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    private static string CaKey(string? pem) => pem is null ? string.Empty : Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(pem)));

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
