using System.ComponentModel.DataAnnotations;
using Hook0.Modules.Kernel.Settings;
using Microsoft.Extensions.Configuration;

namespace Hook0.Modules.Delivery.Sending;

/// <summary>Delivery worker settings, under upstream's output-worker names where they exist (Appendix B).</summary>
public sealed class DeliveryOptions
{
    /// <summary>Role switch: run the delivery workers in this instance.</summary>
    [Setting("Delivery", "Run the delivery workers in this instance")]
    [ConfigurationKeyName("DELIVERY_WORKERS_ENABLED")]
    public bool Enabled { get; set; } = true;

    [Setting("Delivery", "Name of this instance in the delivery records", DefaultText = "the host name")]
    [ConfigurationKeyName("WORKER_NAME")]
    public string WorkerName { get; set; } = Environment.MachineName;

    /// <summary>Deliveries in flight at once in this instance (upstream's CONCURRENT, 1 there).</summary>
    [Setting("Delivery", "Deliveries in flight at once in this instance")]
    [ConfigurationKeyName("CONCURRENT")]
    [Range(1, 10_000)]
    public int Concurrency { get; set; } = 32;

    [Setting("Delivery", "Connect timeout of one delivery call, in milliseconds")]
    [ConfigurationKeyName("CONNECT_TIMEOUT_MS")]
    [Range(1, int.MaxValue)]
    public int ConnectTimeoutMs { get; set; } = 5_000;

    /// <summary>Total time of one HTTP call, connect and body included.</summary>
    [Setting("Delivery", "Total time of one delivery call, in milliseconds")]
    [ConfigurationKeyName("TIMEOUT_MS")]
    [Range(1, int.MaxValue)]
    public int TimeoutMs { get; set; } = 15_000;

    /// <summary>How long a claimed attempt is held; at least twice the call timeout, so only a dead worker loses it.</summary>
    [Setting("Delivery", "How long a claimed attempt is held before another worker may take it")]
    [ConfigurationKeyName("DELIVERY_LEASE_SECONDS")]
    [Range(1, int.MaxValue)]
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>Response bodies are stored up to this size (upstream keeps them whole).</summary>
    [Setting("Delivery", "Response bodies are stored up to this size, in bytes")]
    [ConfigurationKeyName("MAX_RESPONSE_BODY_BYTES")]
    [Range(0, int.MaxValue)]
    public int MaxResponseBodyBytes { get; set; } = 64 * 1024;

    [Setting("Delivery", "Allow deliveries to private and loopback addresses (local development only)")]
    [ConfigurationKeyName("DISABLE_TARGET_IP_CHECK")]
    public bool DisableTargetIpCheck { get; set; }

    /// <summary>Comma list of <c>v0</c>, <c>v1</c> (upstream's ENABLED_SIGNATURE_VERSIONS).</summary>
    [Setting("Delivery", "Signature versions sent (comma list of v0, v1)")]
    [ConfigurationKeyName("ENABLED_SIGNATURE_VERSIONS")]
    public string SignatureVersions { get; set; } = "v1";

    [Setting("Delivery", "Name of the signature header")]
    [ConfigurationKeyName("SIGNATURE_HEADER_NAME")]
    public string SignatureHeaderName { get; set; } = "X-Hook0-Signature";

    [Setting("Delivery", "Retries of a failed delivery before it is dead-lettered")]
    [ConfigurationKeyName("MAX_RETRIES")]
    [Range(0, 1_000)]
    public int MaxRetries { get; set; } = 24;

    [Setting("Delivery", "Random share added to each retry delay")]
    [ConfigurationKeyName("RETRY_JITTER_RATIO")]
    [Range(0.0, 1.0)]
    public double RetryJitterRatio { get; set; } = 0.1;

    /// <summary>Idle polling period; new attempts wake the workers at once through NOTIFY.</summary>
    [Setting("Delivery", "Idle polling period of the workers, in milliseconds")]
    [ConfigurationKeyName("DELIVERY_POLL_INTERVAL_MS")]
    [Range(1, int.MaxValue)]
    public int PollIntervalMs { get; set; } = 1_000;

    /// <summary>On shutdown, in-flight deliveries get this long to finish; the rest is left to lease expiry.</summary>
    [Setting("Delivery", "Time given to deliveries in flight when the server stops")]
    [ConfigurationKeyName("DELIVERY_SHUTDOWN_GRACE_SECONDS")]
    [Range(0, int.MaxValue)]
    public int ShutdownGraceSeconds { get; set; } = 20;

    public static string Version { get; } = typeof(DeliveryOptions).Assembly.GetName().Version?.ToString(3) ?? "1.0.0";
}
