using System.ComponentModel.DataAnnotations;
using Hook0.Modules.Kernel.Settings;
using Microsoft.Extensions.Configuration;

namespace Hook0.Modules.Delivery.Health;

/// <summary>When a subscription counts as failing, when it is disabled, and how often that is decided.</summary>
public sealed class HealthOptions
{
    [Setting("Endpoint health", "A subscription whose deliveries keep failing, with no success, for this long is 'failing' (else 'degraded'), in seconds")]
    [ConfigurationKeyName("SUBSCRIPTION_FAILING_AFTER_IN_S")]
    [Range(1, int.MaxValue)]
    public int FailingAfterSeconds { get; set; } = 3600;

    /// <summary>Svix's default: 5 days. Zero never disables automatically.</summary>
    [Setting("Endpoint health", "A subscription failing continuously for this long is disabled automatically, in seconds (0: never)")]
    [ConfigurationKeyName("SUBSCRIPTION_AUTO_DISABLE_AFTER_IN_S")]
    [Range(0, int.MaxValue)]
    public int AutoDisableAfterSeconds { get; set; } = 5 * 24 * 3600;

    [Setting("Endpoint health", "How often subscriptions' health states are re-evaluated, in seconds")]
    [ConfigurationKeyName("HEALTH_MONITOR_PERIOD_IN_S")]
    [Range(1, 3600)]
    public int MonitorPeriodSeconds { get; set; } = 10;
}
