using System.Net;

namespace Hook0.Modules.Delivery.Sending.TargetGuard;

/// <summary>Turns a target host name into the addresses the guard vets and then connects to.</summary>
internal interface IHostResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}
