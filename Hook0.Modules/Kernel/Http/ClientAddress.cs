using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hook0.Modules.Kernel.Http;

/// <summary>
/// The caller's address (recorded on events, used by rate limits) is the peer's, unless the peer is a
/// configured reverse proxy (<c>REVERSE_PROXY_IPS</c>), whose X-Forwarded-For is then believed.
/// </summary>
public static class ClientAddress
{
    public static IServiceCollection AddHook0ForwardedHeaders(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<WebSecurityOptions>>((forwarded, security) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var range in (security.Value.ReverseProxyIps ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                forwarded.KnownIPNetworks.Add(range.Contains('/', StringComparison.Ordinal) ? System.Net.IPNetwork.Parse(range) : new System.Net.IPNetwork(IPAddress.Parse(range), IPAddress.Parse(range).GetAddressBytes().Length * 8));
            }
        });
        return services;
    }

    /// <summary>
    /// Only with proxies configured: with an empty list ASP.NET Core would believe every peer's header.
    /// </summary>
    public static IApplicationBuilder UseHook0ForwardedHeaders(this IApplicationBuilder app)
        => string.IsNullOrWhiteSpace(app.ApplicationServices.GetRequiredService<IOptions<WebSecurityOptions>>().Value.ReverseProxyIps)
            ? app
            : app.UseForwardedHeaders();
}
