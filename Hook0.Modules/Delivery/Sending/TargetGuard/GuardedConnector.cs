using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace Hook0.Modules.Delivery.Sending.TargetGuard;

/// <summary>
/// The handler's connect step: resolves the host itself, refuses the connection if any address is
/// forbidden, and connects only to the addresses it vetted. Resolving and connecting from the same
/// answer is what defeats DNS rebinding: there is no second lookup an attacker could answer differently.
/// </summary>
internal sealed class GuardedConnector
{
    private readonly IHostResolver _resolver;
    private readonly ITcpConnector _connector;
    private readonly DeliveryHttpOptions _options;

    public GuardedConnector(IHostResolver resolver, ITcpConnector connector, DeliveryHttpOptions options)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(options);
        _resolver = resolver;
        _connector = connector;
        _options = options;
    }

    /// <summary>Signature of <see cref="SocketsHttpHandler.ConnectCallback"/>.</summary>
    public ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ConnectAsync(context.DnsEndPoint, cancellationToken);
    }

    public async ValueTask<Stream> ConnectAsync(DnsEndPoint endPoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endPoint);

        var addresses = TryParseLiteral(endPoint.Host, out var literal)
            ? [literal]
            : await ResolveAsync(endPoint.Host, cancellationToken);

        if (!_options.DisableTargetIpCheck)
        {
            foreach (var address in addresses)
            {
                if (ForbiddenAddresses.IsForbidden(address, out var range))
                {
                    throw new ForbiddenTargetException(endPoint.Host, address, range);
                }
            }
        }

        return await _connector.ConnectAsync(addresses, endPoint.Port, cancellationToken);
    }

    // HttpClient hands IPv6 literals over in URL form, with brackets.
    private static bool TryParseLiteral(string host, [NotNullWhen(true)] out IPAddress? address) =>
        IPAddress.TryParse(host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host, out address);

    private async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(_options.DnsTimeout);
        IPAddress[] addresses;
        try
        {
            // WaitAsync as well, so a resolver that ignores its token still cannot outlast the budget.
            addresses = await _resolver.ResolveAsync(host, budget.Token).WaitAsync(budget.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new HostResolutionException($"Resolving '{host}' took longer than {_options.DnsTimeout.TotalSeconds:0.###} s.");
        }

        if (addresses.Length == 0)
        {
            throw new HostResolutionException($"'{host}' resolves to no address.");
        }

        return addresses;
    }
}
