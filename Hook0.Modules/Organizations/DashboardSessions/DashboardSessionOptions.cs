using System.ComponentModel.DataAnnotations;
using Hook0.Modules.Kernel.Settings;
using Microsoft.Extensions.Configuration;

namespace Hook0.Modules.Organizations.DashboardSessions;

/// <summary>How long a dashboard session lives (our addition: upstream's dashboard keeps its tokens in the browser).</summary>
public sealed class DashboardSessionOptions
{
    [Setting("Dashboard", "A dashboard session unused this long (seconds) ends")]
    [ConfigurationKeyName("DASHBOARD_SESSION_IDLE_TIMEOUT_IN_S")]
    [Range(60, 31_536_000)]
    public int IdleTimeoutSeconds { get; set; } = 12 * 3600;

    [Setting("Dashboard", "A dashboard session ends this long (seconds) after sign-in, however active")]
    [ConfigurationKeyName("DASHBOARD_SESSION_ABSOLUTE_TIMEOUT_IN_S")]
    [Range(60, 31_536_000)]
    public int AbsoluteTimeoutSeconds { get; set; } = 14 * 86_400;

    [Setting("Dashboard", "Seconds between two purges of ended dashboard sessions")]
    [ConfigurationKeyName("DASHBOARD_SESSION_PURGE_PERIOD_IN_S")]
    [Range(1, 86_400)]
    public int PurgePeriodSeconds { get; set; } = 3600;

    public TimeSpan IdleTimeout => TimeSpan.FromSeconds(IdleTimeoutSeconds);

    public TimeSpan AbsoluteTimeout => TimeSpan.FromSeconds(AbsoluteTimeoutSeconds);
}
