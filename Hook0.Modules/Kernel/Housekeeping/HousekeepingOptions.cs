using System.ComponentModel.DataAnnotations;
using Hook0.Modules.Kernel.Settings;
using Microsoft.Extensions.Configuration;

namespace Hook0.Modules.Kernel.Housekeeping;

/// <summary>Housekeeping settings, under upstream's names and defaults (deletions are report-only unless enabled).</summary>
public sealed class HousekeepingOptions
{
    [Setting("Housekeeping", "Seconds between purges of events past their application's retention")]
    [ConfigurationKeyName("OLD_EVENTS_CLEANUP_PERIOD_IN_S")]
    [Range(60, int.MaxValue)]
    public int OldEventsCleanupPeriodSeconds { get; set; } = 3600;

    [Setting("Housekeeping", "Days events are kept beyond their retention before being purged")]
    [ConfigurationKeyName("OLD_EVENTS_CLEANUP_GRACE_PERIOD_IN_DAY")]
    public int OldEventsCleanupGraceDays { get; set; } = 30;

    [Setting("Housekeeping", "Really delete old events, attempts and responses (otherwise only report how many)")]
    [ConfigurationKeyName("OLD_EVENTS_CLEANUP_REPORT_AND_DELETE")]
    public bool OldEventsCleanupDelete { get; set; }

    [Setting("Housekeeping", "Really delete tokens, invitations and portal sessions expired for longer than the grace period (otherwise only report)")]
    [ConfigurationKeyName("EXPIRED_TOKENS_CLEANUP_REPORT_AND_DELETE")]
    public bool ExpiredTokensCleanupDelete { get; set; }

    [Setting("Housekeeping", "Seconds between expired-token cleanups")]
    [ConfigurationKeyName("EXPIRED_TOKENS_CLEANUP_PERIOD_IN_S")]
    [Range(60, int.MaxValue)]
    public int ExpiredTokensCleanupPeriodSeconds { get; set; } = 3600;

    [Setting("Housekeeping", "Days an expired token is kept before its row is removed")]
    [ConfigurationKeyName("EXPIRED_TOKENS_CLEANUP_GRACE_PERIOD_IN_DAY")]
    public int ExpiredTokensCleanupGraceDays { get; set; } = 7;

    [Setting("Housekeeping", "Hard-delete applications soft-deleted for longer than the grace period (otherwise only report)")]
    [ConfigurationKeyName("ENABLE_SOFT_DELETED_APPLICATIONS_CLEANUP")]
    public bool SoftDeletedApplicationsCleanup { get; set; }

    [Setting("Housekeeping", "Seconds between removals of long soft-deleted applications")]
    [ConfigurationKeyName("SOFT_DELETED_APPLICATIONS_CLEANUP_PERIOD_IN_S")]
    [Range(60, int.MaxValue)]
    public int SoftDeletedApplicationsCleanupPeriodSeconds { get; set; } = 86_400;

    [Setting("Housekeeping", "Days a soft-deleted application is kept before it is removed for good")]
    [ConfigurationKeyName("SOFT_DELETED_APPLICATIONS_CLEANUP_GRACE_PERIOD_IN_DAY")]
    public int SoftDeletedApplicationsGraceDays { get; set; } = 30;

    public TimeSpan Period => TimeSpan.FromSeconds(OldEventsCleanupPeriodSeconds);
}
