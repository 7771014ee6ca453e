using System.ComponentModel.DataAnnotations;
using Hook0.Modules.Kernel.Settings;
using Microsoft.Extensions.Configuration;

namespace Hook0.Modules.Delivery.Analytics;

/// <summary>How often and how far behind the delivery analytics roll-up reads finished tries (ADR 0013).</summary>
public sealed class AnalyticsOptions
{
    [Setting("Delivery analytics", "Milliseconds between two runs of the delivery analytics roll-up (on one instance at a time)")]
    [ConfigurationKeyName("ANALYTICS_ROLLUP_PERIOD_MS")]
    [Range(100, 600_000)]
    public int RollupPeriodMs { get; set; } = 2000;

    /// <summary>
    /// Tries finished less than this long ago are left for the next run: a recording transaction stamps
    /// <c>now()</c> when it starts and becomes visible when it commits, so the newest stamps may still be
    /// joined by older ones.
    /// </summary>
    [Setting("Delivery analytics", "Milliseconds the roll-up stays behind the newest finished tries, so that none still being committed is skipped")]
    [ConfigurationKeyName("ANALYTICS_ROLLUP_LAG_MS")]
    [Range(0, 600_000)]
    public int RollupLagMs { get; set; } = 2000;

    [Setting("Delivery analytics", "Most finished tries one roll-up transaction reads")]
    [ConfigurationKeyName("ANALYTICS_ROLLUP_BATCH")]
    [Range(100, 1_000_000)]
    public int RollupBatch { get; set; } = 20_000;
}
