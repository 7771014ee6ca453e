using System.Net;
using System.Net.Sockets;

namespace Hook0.Modules.Delivery.Sending.TargetGuard;

/// <summary>Connects a plain TCP socket, trying the addresses in order until one answers.</summary>
internal sealed class SocketTcpConnector : ITcpConnector
{
    public async ValueTask<Stream> ConnectAsync(IPAddress[] addresses, int port, CancellationToken cancellationToken)
    {
        // Dual-mode, so one socket can reach both IPv4 and IPv6 answers.
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
