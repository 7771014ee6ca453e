using System.Net;

namespace Hook0.Modules.Delivery.Sending.TargetGuard;

/// <summary>The operating system resolver (both address families); the time budget is applied by the caller.</summary>
internal sealed class SystemDnsResolver : IHostResolver
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        Dns.GetHostAddressesAsync(host, cancellationToken);
}
