using System.ComponentModel.DataAnnotations;
using Hook0.Modules.Kernel.Settings;
using Microsoft.Extensions.Configuration;

namespace Hook0.Modules.Delivery.Protection;

/// <summary>How the circuit breaker cools down and how far the adaptive rate may climb (issue #26).</summary>
public sealed class ProtectionOptions
{
    [Setting("Protecting slow receivers", "How long an opened circuit sends nothing before its probe, in seconds (doubled at each re-open)")]
    [ConfigurationKeyName("CIRCUIT_BREAKER_COOLDOWN_IN_S")]
    [Range(1, 86_400)]
    public int CooldownSeconds { get; set; } = 30;

    [Setting("Protecting slow receivers", "The longest cool-down of a circuit that keeps re-opening, in seconds; also caps a lane's wait on Retry-After")]
    [ConfigurationKeyName("CIRCUIT_BREAKER_MAX_COOLDOWN_IN_S")]
    [Range(1, 7 * 86_400)]
    public int MaxCooldownSeconds { get; set; } = 3_600;

    /// <summary>The adaptive rate's ceiling for subscriptions with no rate limit: reached, the lane is unthrottled again.</summary>
    [Setting("Protecting slow receivers", "Deliveries per second an adaptive rate recovers to, for subscriptions without rate_limit_per_second, before throttling ends")]
    [ConfigurationKeyName("ADAPTIVE_RATE_CEILING_PER_SECOND")]
    [Range(1, 1_000_000)]
    public int CeilingPerSecond { get; set; } = 1_000;

    public TimeSpan Cooldown => TimeSpan.FromSeconds(CooldownSeconds);

    public TimeSpan MaxCooldown => TimeSpan.FromSeconds(Math.Max(CooldownSeconds, MaxCooldownSeconds));
}
