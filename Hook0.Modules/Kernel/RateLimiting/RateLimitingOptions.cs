using System.ComponentModel.DataAnnotations;
using Hook0.Modules.Kernel.Settings;
using Microsoft.Extensions.Configuration;

namespace Hook0.Modules.Kernel.RateLimiting;

/// <summary>
/// API rate limits: three token buckets (global, per client IP, per credential), with upstream's variable
/// names and meaning (a bucket holds BURST_SIZE tokens and gains one every REPLENISH_PERIOD_IN_MS). Periods
/// may be fractional; the defaults let one application secret ingest thousands of events a second (ADR 0010).
/// </summary>
public sealed class RateLimitingOptions
{
    private const double ShortestPeriodMs = 0.001;
    private const double LongestPeriodMs = 86_400_000;

    [Setting("Rate limiting", "Turn every API rate limit off")]
    [ConfigurationKeyName("DISABLE_API_RATE_LIMITING")]
    public bool Disabled { get; set; }

    [Setting("Rate limiting", "Turn the instance-wide API rate limit off")]
    [ConfigurationKeyName("DISABLE_API_RATE_LIMITING_GLOBAL")]
    public bool GlobalDisabled { get; set; }

    [Setting("Rate limiting", "Turn the per client IP API rate limit off")]
    [ConfigurationKeyName("DISABLE_API_RATE_LIMITING_IP")]
    public bool IpDisabled { get; set; }

    [Setting("Rate limiting", "Turn the per token API rate limit off")]
    [ConfigurationKeyName("DISABLE_API_RATE_LIMITING_TOKEN")]
    public bool TokenDisabled { get; set; }

    [Setting("Rate limiting", "Requests the whole instance may take at once")]
    [ConfigurationKeyName("API_RATE_LIMITING_GLOBAL_BURST_SIZE")]
    [Range(1, int.MaxValue)]
    public int GlobalBurstSize { get; set; } = 50_000;

    [Setting("Rate limiting", "Milliseconds (fractions allowed) for the instance to earn one more request (0.05 = 20,000/s)")]
    [ConfigurationKeyName("API_RATE_LIMITING_GLOBAL_REPLENISH_PERIOD_IN_MS")]
    [Range(ShortestPeriodMs, LongestPeriodMs)]
    public double GlobalReplenishPeriodInMs { get; set; } = 0.05;

    [Setting("Rate limiting", "Requests one client IP may send at once")]
    [ConfigurationKeyName("API_RATE_LIMITING_IP_BURST_SIZE")]
    [Range(1, int.MaxValue)]
    public int IpBurstSize { get; set; } = 10_000;

    [Setting("Rate limiting", "Milliseconds (fractions allowed) for one client IP to earn one more request (0.1 = 10,000/s)")]
    [ConfigurationKeyName("API_RATE_LIMITING_IP_REPLENISH_PERIOD_IN_MS")]
    [Range(ShortestPeriodMs, LongestPeriodMs)]
    public double IpReplenishPeriodInMs { get; set; } = 0.1;

    [Setting("Rate limiting", "Requests one token or application secret may send at once (the master key is exempt)")]
    [ConfigurationKeyName("API_RATE_LIMITING_TOKEN_BURST_SIZE")]
    [Range(1, int.MaxValue)]
    public int TokenBurstSize { get; set; } = 10_000;

    [Setting("Rate limiting", "Milliseconds (fractions allowed) for one token to earn one more request (0.2 = 5,000/s)")]
    [ConfigurationKeyName("API_RATE_LIMITING_TOKEN_REPLENISH_PERIOD_IN_MS")]
    [Range(ShortestPeriodMs, LongestPeriodMs)]
    public double TokenReplenishPeriodInMs { get; set; } = 0.2;
}
