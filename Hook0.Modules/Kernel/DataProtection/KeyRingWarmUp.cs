using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Hook0.Modules.Kernel.DataProtection;

/// <summary>
/// Data Protection's hosted service reads the key ring as the host starts. Registered among the modules' services
/// (<see cref="HostKeyRing"/>), it is wrapped to start behind the database gate; but every later
/// <c>AddDataProtection()</c> (Razor components, antiforgery) adds an unwrapped copy, which would query
/// <c>infrastructure.data_protection_key</c> before the migrator has created it, or on a database of a newer
/// generation that this build refuses. Those copies are removed: the gated one warms the ring up, and without it the
/// ring is read at its first use (a page request, behind the same gate).
/// </summary>
public static class KeyRingWarmUp
{
    /// <summary>Call once every service is registered (last, before <c>Build()</c>).</summary>
    public static IServiceCollection GateKeyRingWarmUp(this IServiceCollection services)
    {
        foreach (var ungated in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Name == "DataProtectionHostedService").ToList())
        {
            services.Remove(ungated);
        }

        return services;
    }
}
