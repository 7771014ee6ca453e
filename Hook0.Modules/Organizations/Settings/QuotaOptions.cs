using System.ComponentModel.DataAnnotations;
using Hook0.Modules.Kernel.Settings;
using Microsoft.Extensions.Configuration;

namespace Hook0.Modules.Organizations.Settings;

/// <summary>Quota settings, under upstream's environment variable names and defaults (off by default).</summary>
public sealed class QuotaOptions
{
    /// <summary>What limits read as when enforcement is off (upstream: <c>i32::MAX</c>).</summary>
    public const int Unlimited = int.MaxValue;

    [Setting("Quotas", "Enforce the quotas below")]
    [ConfigurationKeyName("ENABLE_QUOTA_ENFORCEMENT")]
    public bool Enabled { get; set; }

    [Setting("Quotas", "Members per organization")]
    [ConfigurationKeyName("QUOTA_GLOBAL_MEMBERS_PER_ORGANIZATION_LIMIT")]
    [Range(0, int.MaxValue)]
    public int MembersPerOrganization { get; set; } = 1;

    [Setting("Quotas", "Applications per organization")]
    [ConfigurationKeyName("QUOTA_GLOBAL_APPLICATIONS_PER_ORGANIZATION_LIMIT")]
    [Range(0, int.MaxValue)]
    public int ApplicationsPerOrganization { get; set; } = 1;

    [Setting("Quotas", "Events per day and application")]
    [ConfigurationKeyName("QUOTA_GLOBAL_EVENTS_PER_DAY_LIMIT")]
    [Range(0, int.MaxValue)]
    public int EventsPerDay { get; set; } = 100;

    [Setting("Quotas", "Days events are kept")]
    [ConfigurationKeyName("QUOTA_GLOBAL_DAYS_OF_EVENTS_RETENTION_LIMIT")]
    [Range(0, int.MaxValue)]
    public int DaysOfEventsRetention { get; set; } = 7;

    [Setting("Quotas", "Subscriptions per application")]
    [ConfigurationKeyName("QUOTA_GLOBAL_SUBSCRIPTIONS_PER_APPLICATION_LIMIT")]
    [Range(0, int.MaxValue)]
    public int SubscriptionsPerApplication { get; set; } = 10;

    [Setting("Quotas", "Event types per application")]
    [ConfigurationKeyName("QUOTA_GLOBAL_EVENT_TYPES_PER_APPLICATION_LIMIT")]
    [Range(0, int.MaxValue)]
    public int EventTypesPerApplication { get; set; } = 10;

    /// <summary>The limit as reported and enforced: the configured value, or unlimited when quotas are off.</summary>
    public int Effective(int configured) => Enabled ? configured : Unlimited;
}
