using Microsoft.Extensions.Configuration;

namespace Hook0.Modules.Organizations.Settings;

/// <summary>Quota settings, under upstream's environment variable names and defaults (off by default).</summary>
public sealed class QuotaOptions
{
    /// <summary>What limits read as when enforcement is off (upstream: <c>i32::MAX</c>).</summary>
    public const int Unlimited = int.MaxValue;

    [ConfigurationKeyName("ENABLE_QUOTA_ENFORCEMENT")]
    public bool Enabled { get; set; }

    [ConfigurationKeyName("QUOTA_GLOBAL_MEMBERS_PER_ORGANIZATION_LIMIT")]
    public int MembersPerOrganization { get; set; } = 1;

    [ConfigurationKeyName("QUOTA_GLOBAL_APPLICATIONS_PER_ORGANIZATION_LIMIT")]
    public int ApplicationsPerOrganization { get; set; } = 1;

    [ConfigurationKeyName("QUOTA_GLOBAL_EVENTS_PER_DAY_LIMIT")]
    public int EventsPerDay { get; set; } = 100;

    [ConfigurationKeyName("QUOTA_GLOBAL_DAYS_OF_EVENTS_RETENTION_LIMIT")]
    public int DaysOfEventsRetention { get; set; } = 7;

    [ConfigurationKeyName("QUOTA_GLOBAL_SUBSCRIPTIONS_PER_APPLICATION_LIMIT")]
    public int SubscriptionsPerApplication { get; set; } = 10;

    [ConfigurationKeyName("QUOTA_GLOBAL_EVENT_TYPES_PER_APPLICATION_LIMIT")]
    public int EventTypesPerApplication { get; set; } = 10;

    /// <summary>The limit as reported and enforced: the configured value, or unlimited when quotas are off.</summary>
    public int Effective(int configured) => Enabled ? configured : Unlimited;
}
