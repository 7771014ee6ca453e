using System.Net;

namespace Hook0.Modules.Delivery.Sending.TargetGuard;

/// <summary>Opens the TCP stream to already vetted addresses; never resolves names itself.</summary>
internal interface ITcpConnector
{
    ValueTask<Stream> ConnectAsync(IPAddress[] addresses, int port, CancellationToken cancellationToken);
}
