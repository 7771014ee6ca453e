using System.Net;
using System.Net.Sockets;
using System.Text;
using Hook0.Modules.Delivery.Sending.TargetGuard;

namespace Hook0.Modules.Delivery.Sending.Egress;

/// <summary>
/// The guarded connector's last step when a subscription goes through a proxy: instead of opening a socket to the
/// vetted address, it asks the proxy for a <c>CONNECT</c> tunnel to that address (an IP literal, never the tenant's
/// host name: the proxy has nothing to resolve, so DNS rebinding through it is impossible). TLS, SNI and <c>Host</c>
/// are then the handler's as for a direct connection, with the original host name. Plain <c>http</c> targets are
/// tunnelled too: an absolute-form request to an IP would lose the original <c>Host</c> (RFC 9112 §3.2.2: the proxy
/// replaces it with the request target's authority; tinyproxy does).
/// </summary>
internal sealed class ProxyTunnelConnector(EgressProxy proxy) : ITcpConnector
{
    private const int MaxResponseHead = 8 * 1024;

    public async ValueTask<Stream> ConnectAsync(IPAddress[] addresses, int port, CancellationToken cancellationToken)
    {
        Exception? last = null;
        foreach (var address in addresses)
        {
            try
            {
                return await TunnelAsync(address, port, cancellationToken);
            }
            catch (Exception e) when (e is ProxyTunnelException or SocketException or IOException)
            {
                last = e;
            }
        }

        throw last ?? new ProxyTunnelException($"Proxy '{proxy.Name}': no address to connect to.");
    }

    private async Task<Stream> TunnelAsync(IPAddress address, int port, CancellationToken cancellationToken)
    {
        // The proxy is the operator's own (from settings): reached as configured, not vetted like a tenant's target.
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        var stream = (Stream?)null;
        try
        {
            await socket.ConnectAsync(proxy.Host, proxy.Port, cancellationToken);
            stream = new NetworkStream(socket, ownsSocket: true);
            var authority = new IPEndPoint(address, port).ToString();
            var request = new StringBuilder()
                .Append("CONNECT ").Append(authority).Append(" HTTP/1.1\r\n")
                .Append("Host: ").Append(authority).Append("\r\n");
            if (proxy.Authorization is { } authorization)
            {
                request.Append("Proxy-Authorization: ").Append(authorization).Append("\r\n");
            }

            await stream.WriteAsync(Encoding.ASCII.GetBytes(request.Append("\r\n").ToString()), cancellationToken);
            var status = await ReadStatusAsync(stream, cancellationToken);
            if (status is < 200 or > 299)
            {
                throw new ProxyTunnelException($"Proxy '{proxy.Name}' refused the tunnel to {authority}: HTTP {status}.");
            }

            return stream;
        }
        catch
        {
            if (stream is not null)
            {
                await stream.DisposeAsync();
            }
            else
            {
                socket.Dispose();
            }

            throw;
        }
    }

    /// <summary>Reads the proxy's answer head byte by byte (nothing past it may be consumed: it belongs to the tunnel).</summary>
    private async Task<int> ReadStatusAsync(Stream stream, CancellationToken cancellationToken)
    {
        var head = new byte[MaxResponseHead];
        var length = 0;
        while (length < 4 || head[length - 4] != '\r' || head[length - 3] != '\n' || head[length - 2] != '\r' || head[length - 1] != '\n')
        {
            if (length == head.Length)
            {
                throw new ProxyTunnelException($"Proxy '{proxy.Name}' answered CONNECT with a head over {MaxResponseHead} bytes.");
            }

            if (await stream.ReadAsync(head.AsMemory(length, 1), cancellationToken) == 0)
            {
                throw new ProxyTunnelException($"Proxy '{proxy.Name}' closed the connection before answering CONNECT.");
            }

            length++;
        }

        // "HTTP/1.1 200 Connection established"
        var statusLine = Encoding.ASCII.GetString(head, 0, Array.IndexOf(head, (byte)'\r'));
        var parts = statusLine.Split(' ', 3);
        return parts.Length >= 2 && parts[0].StartsWith("HTTP/", StringComparison.Ordinal) && int.TryParse(parts[1], out var status)
            ? status
            : throw new ProxyTunnelException($"Proxy '{proxy.Name}' answered CONNECT with something other than HTTP.");
    }
}
