using System.Net;

namespace Hook0.Modules.Delivery.Sending.TargetGuard;

/// <summary>Builds the one handler all deliveries share, so connections to a receiver are pooled and kept alive.</summary>
internal static class DeliveryHttpHandlerFactory
{
    public static SocketsHttpHandler Create(DeliveryHttpOptions options) =>
        Create(options, new SystemDnsResolver(), new SocketTcpConnector());

    public static SocketsHttpHandler Create(DeliveryHttpOptions options, IHostResolver resolver, ITcpConnector connector)
    {
        ArgumentNullException.ThrowIfNull(options);
        var guard = new GuardedConnector(resolver, connector, options);
        return new SocketsHttpHandler
        {
            // A redirect would reach an address the guard never vetted, for a host it never saw.
            AllowAutoRedirect = false,

            // A proxy would connect on our behalf, out of the guard's reach.
            UseProxy = false,

            // One receiver's cookies must never ride along on another delivery.
            UseCookies = false,

            // The response body is stored exactly as received.
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = options.ConnectTimeout,
            PooledConnectionLifetime = options.PooledConnectionLifetime,
            PooledConnectionIdleTimeout = options.PooledConnectionIdleTimeout,
            ConnectCallback = guard.ConnectAsync,
        };
    }
}
