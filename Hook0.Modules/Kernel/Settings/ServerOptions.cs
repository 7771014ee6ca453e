using Microsoft.Extensions.Configuration;

namespace Hook0.Modules.Kernel.Settings;

/// <summary>
/// Server-wide settings. Keys are upstream Hook0's environment variable names, so the same
/// environment configures both; appsettings.json may use the same keys.
/// </summary>
public sealed class ServerOptions
{
    /// <summary>A postgres:// URL or an Npgsql connection string. Unset: the embedded quick-start database.</summary>
    [ConfigurationKeyName("DATABASE_URL")]
    public string? DatabaseUrl { get; set; }

    [ConfigurationKeyName("MASTER_API_KEY")]
    public string? MasterApiKey { get; set; }

    /// <summary>Public base URL of this instance (links in e-mails, pagination <c>Link</c> headers).</summary>
    [ConfigurationKeyName("APP_URL")]
    public string AppUrl { get; set; } = "http://localhost:8080";

    /// <summary>Upstream's switch: set to skip migrations at start-up (another instance runs them).</summary>
    [ConfigurationKeyName("NO_AUTO_DB_MIGRATION")]
    public bool NoAutoDbMigration { get; set; }

    /// <summary>Unset: <c>/health</c> answers 404. Empty: public. Otherwise <c>?key=</c> must match.</summary>
    [ConfigurationKeyName("HEALTH_CHECK_KEY")]
    public string? HealthCheckKey { get; set; }

    [ConfigurationKeyName("HEALTH_CHECK_TIMEOUT_MS")]
    public int HealthCheckTimeoutMs { get; set; } = 5000;

    [ConfigurationKeyName("SUPPORT_EMAIL_ADDRESS")]
    public string SupportEmailAddress { get; set; } = "support@hook0.local";

    [ConfigurationKeyName("ENABLE_APPLICATION_SECRET_COMPATIBILITY")]
    public bool ApplicationSecretCompatibility { get; set; } = true;

    /// <summary>Folder for the embedded database and generated keys (quick-start only).</summary>
    [ConfigurationKeyName("HOOK0_DATA_DIR")]
    public string DataDir { get; set; } = ".hook0-data";

    /// <summary>Largest accepted request body, in bytes (upstream: 2 MiB JSON limit).</summary>
    [ConfigurationKeyName("MAX_REQUEST_BODY_BYTES")]
    public long MaxRequestBodyBytes { get; set; } = 2 * 1024 * 1024;
}
