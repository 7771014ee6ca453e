using Microsoft.Extensions.Configuration;

namespace Hook0.Modules.Delivery.SendAttempts;

/// <summary>Delivery worker settings, under upstream's output-worker names where they exist (Appendix B).</summary>
public sealed class DeliveryOptions
{
    /// <summary>Role switch: run the delivery workers in this instance.</summary>
    [ConfigurationKeyName("DELIVERY_WORKERS_ENABLED")]
    public bool Enabled { get; set; } = true;

    [ConfigurationKeyName("WORKER_NAME")]
    public string WorkerName { get; set; } = Environment.MachineName;

    /// <summary>Deliveries in flight at once in this instance (upstream's CONCURRENT, 1 there).</summary>
    [ConfigurationKeyName("CONCURRENT")]
    public int Concurrency { get; set; } = 32;

    [ConfigurationKeyName("CONNECT_TIMEOUT_MS")]
    public int ConnectTimeoutMs { get; set; } = 5_000;

    /// <summary>Total time of one HTTP call, connect and body included.</summary>
    [ConfigurationKeyName("TIMEOUT_MS")]
    public int TimeoutMs { get; set; } = 15_000;

    /// <summary>How long a claimed attempt is held; at least twice the call timeout, so only a dead worker loses it.</summary>
    [ConfigurationKeyName("DELIVERY_LEASE_SECONDS")]
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>Response bodies are stored up to this size (upstream keeps them whole).</summary>
    [ConfigurationKeyName("MAX_RESPONSE_BODY_BYTES")]
    public int MaxResponseBodyBytes { get; set; } = 64 * 1024;

    [ConfigurationKeyName("DISABLE_TARGET_IP_CHECK")]
    public bool DisableTargetIpCheck { get; set; }

    /// <summary>Comma list of <c>v0</c>, <c>v1</c> (upstream's ENABLED_SIGNATURE_VERSIONS).</summary>
    [ConfigurationKeyName("ENABLED_SIGNATURE_VERSIONS")]
    public string SignatureVersions { get; set; } = "v1";

    [ConfigurationKeyName("SIGNATURE_HEADER_NAME")]
    public string SignatureHeaderName { get; set; } = "X-Hook0-Signature";

    [ConfigurationKeyName("MAX_RETRIES")]
    public int MaxRetries { get; set; } = 24;

    [ConfigurationKeyName("RETRY_JITTER_RATIO")]
    public double RetryJitterRatio { get; set; } = 0.1;

    /// <summary>Idle polling period; new attempts wake the workers at once through NOTIFY.</summary>
    [ConfigurationKeyName("DELIVERY_POLL_INTERVAL_MS")]
    public int PollIntervalMs { get; set; } = 1_000;

    /// <summary>On shutdown, in-flight deliveries get this long to finish; the rest is left to lease expiry.</summary>
    [ConfigurationKeyName("DELIVERY_SHUTDOWN_GRACE_SECONDS")]
    public int ShutdownGraceSeconds { get; set; } = 20;

    public static string Version { get; } = typeof(DeliveryOptions).Assembly.GetName().Version?.ToString(3) ?? "1.0.0";
}
