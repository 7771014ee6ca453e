using System.ComponentModel.DataAnnotations;
using Hook0.Modules.Kernel.Settings;
using Microsoft.Extensions.Configuration;

namespace Hook0.Modules.Kernel.RateLimiting;

/// <summary>
/// The per client address throttle of the account routes (ADR 0015). Not an API quota: the
/// <c>DISABLE_API_RATE_LIMITING*</c> switches, meant for benchmarks, leave it on.
/// </summary>
public sealed class AuthRateLimitingOptions
{
    [Setting("Login protection", "Sign-in, registration, password reset, e-mail verification and token refresh requests one client address may send at once")]
    [ConfigurationKeyName("AUTH_RATE_LIMITING_IP_BURST_SIZE")]
    [Range(1, int.MaxValue)]
    public int IpBurstSize { get; set; } = 20;

    [Setting("Login protection", "Milliseconds for one client address to earn one more of those requests (3000 = 20 a minute)")]
    [ConfigurationKeyName("AUTH_RATE_LIMITING_IP_REPLENISH_PERIOD_IN_MS")]
    [Range(0.001, 86_400_000)]
    public double IpReplenishPeriodInMs { get; set; } = 3000;
}
