using System.ComponentModel.DataAnnotations;
using Hook0.Modules.Kernel.Settings;
using Microsoft.Extensions.Configuration;

namespace Hook0.Modules.Dashboard.Portal;

/// <summary>The customer portal's limits (ADR 0028).</summary>
public sealed class PortalOptions
{
    /// <summary>Per label scope, not per session: every link minted for the same scope shares the cap.</summary>
    [Setting("Dashboard", "Endpoints (subscriptions) a customer-portal label scope may hold")]
    [ConfigurationKeyName("PORTAL_MAX_ENDPOINTS_PER_SCOPE")]
    [Range(1, 1000)]
    public int MaxEndpointsPerScope { get; set; } = 10;
}
