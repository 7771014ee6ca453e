using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace Hook0.Modules.Kernel.Settings;

/// <summary>Bounds of the per-request Datalog authorization.</summary>
public sealed class TokenAuthorizationOptions
{
    /// <summary>Upstream's <c>MAX_AUTHORIZATION_TIME</c> (30 ms), in milliseconds; overrunning it answers 503, not 403.</summary>
    [Setting("Authentication", "Time budget of one token authorization, in milliseconds (overrun answers 503)")]
    [ConfigurationKeyName("MAX_AUTHORIZATION_TIME_IN_MS")]
    [Range(1, 10_000)]
    public int MaxAuthorizationTimeMs { get; set; } = 30;
}
