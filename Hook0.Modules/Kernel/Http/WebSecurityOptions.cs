using Hook0.Modules.Kernel.Settings;
using Microsoft.Extensions.Configuration;

namespace Hook0.Modules.Kernel.Http;

/// <summary>Browser-facing protections, with upstream's variable names and defaults.</summary>
public sealed class WebSecurityOptions
{
    [Setting("Web", "Send X-Content-Type-Options, Referrer-Policy, X-XSS-Protection and X-Frame-Options")]
    [ConfigurationKeyName("ENABLE_SECURITY_HEADERS")]
    public bool EnableSecurityHeaders { get; set; } = true;

    /// <summary>Off by default: HSTS must only be sent once the instance is reachable over HTTPS for good.</summary>
    [Setting("Web", "Send Strict-Transport-Security (only behind HTTPS)")]
    [ConfigurationKeyName("ENABLE_HSTS_HEADER")]
    public bool EnableHstsHeader { get; set; }

    /// <summary>Comma-separated origins allowed to call the API from a browser; none by default.</summary>
    [Setting("Web", "Comma-separated origins allowed to call the API from a browser")]
    [ConfigurationKeyName("CORS_ALLOWED_ORIGINS")]
    public string? CorsAllowedOrigins { get; set; }

    /// <summary>
    /// Proxies (CIDR list) trusted to tell the client's address in X-Forwarded-For; nobody else is
    /// believed, not even loopback (ASP.NET Core's default trusts it).
    /// </summary>
    [Setting("Web", "Comma-separated CIDR ranges of reverse proxies trusted to set X-Forwarded-For")]
    [ConfigurationKeyName("REVERSE_PROXY_IPS")]
    [CidrList]
    public string? ReverseProxyIps { get; set; }

    public string[] AllowedOrigins()
        => (CorsAllowedOrigins ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
