using System.ComponentModel.DataAnnotations;
using Hook0.Modules.Kernel.Settings;
using Microsoft.Extensions.Configuration;

namespace Hook0.Modules.Kernel.Observability;

/// <summary>
/// Observability settings. <c>/metrics</c> is served only to a scraper that proves it is one: with
/// <see cref="MetricsKey"/> on the public port, or on the separate <see cref="MetricsPort"/>. With
/// neither, the public port answers 404, as if the route did not exist.
/// </summary>
public sealed class ObservabilityOptions
{
    [Setting("Observability", "Serve Prometheus metrics on /metrics (also needs METRICS_KEY or METRICS_PORT)")]
    [ConfigurationKeyName("METRICS_ENABLED")]
    public bool MetricsEnabled { get; set; } = true;

    /// <summary>The scraper sends it as <c>Authorization: Bearer &lt;key&gt;</c> (Prometheus' <c>authorization</c> block).</summary>
    [Setting("Observability", "Bearer key a scraper must send to read /metrics on the public port; unset: /metrics is 404 there", Sensitive = true)]
    [ConfigurationKeyName("METRICS_KEY")]
    public string? MetricsKey { get; set; }

    /// <summary>A second listener (same IP as the API) that serves /metrics and nothing else, for an internal network.</summary>
    [Setting("Observability", "Port of a second listener serving only /metrics (the key is then checked only if METRICS_KEY is set); the public port stops serving it")]
    [ConfigurationKeyName("METRICS_PORT")]
    [Range(1, 65535)]
    public int? MetricsPort { get; set; }
}
