using Microsoft.Extensions.Configuration;

namespace Hook0.Modules.Kernel.Settings;

/// <summary>
/// What this instance does. One instance does everything; a larger deployment runs API instances and
/// worker instances against one PostgreSQL (the delivery workers have their own switch,
/// <c>DELIVERY_WORKERS_ENABLED</c>). Probes (<c>/healthz</c>, <c>/readyz</c>) answer in every role.
/// </summary>
public sealed class RolesOptions
{
    [Setting("Roles", "Serve the REST API under /api/v1")]
    [ConfigurationKeyName("API_ENABLED")]
    public bool ApiEnabled { get; set; } = true;

    [Setting("Roles", "Serve the Blazor dashboard")]
    [ConfigurationKeyName("DASHBOARD_ENABLED")]
    public bool DashboardEnabled { get; set; } = true;

    /// <summary>Periodic jobs (events-per-day aggregate); any number of instances may run them safely.</summary>
    [Setting("Roles", "Run the periodic housekeeping jobs in this instance")]
    [ConfigurationKeyName("HOUSEKEEPING_ENABLED")]
    public bool HousekeepingEnabled { get; set; } = true;

    public static RolesOptions From(IConfiguration configuration)
    {
        var roles = new RolesOptions();
        configuration.Bind(roles);
        return roles;
    }
}
