using Hook0.Modules.Kernel.Settings;
using Microsoft.Extensions.Configuration;

namespace Hook0.Modules.Delivery.Sending.Egress;

/// <summary>
/// The operator's forward proxies (ADR 0031). Tenants choose one by name only: a proxy address never comes from
/// the API, so a proxy cannot become a path around the SSRF guard.
/// </summary>
public sealed class EgressOptions
{
    /// <summary>Comma-separated <c>name=http://[user:password@]host:port</c>; parsed by <see cref="EgressProxies"/>.</summary>
    [Setting("Delivery", "Forward proxies deliveries may go through, comma-separated name=http://[user:password@]host:port (credentials are never logged nor shown)", Sensitive = true)]
    [ConfigurationKeyName("EGRESS_PROXIES")]
    public string? Proxies { get; set; }

    /// <summary>The proxy of subscriptions that name none; unset sends them directly.</summary>
    [Setting("Delivery", "Name (from EGRESS_PROXIES) of the proxy used by subscriptions that choose none; unset: direct")]
    [ConfigurationKeyName("EGRESS_DEFAULT_PROXY")]
    public string? DefaultProxy { get; set; }
}
