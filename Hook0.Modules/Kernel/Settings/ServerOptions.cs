using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace Hook0.Modules.Kernel.Settings;

/// <summary>
/// Server-wide settings. Keys are upstream Hook0's environment variable names, so the same
/// environment configures both; appsettings.json may use the same keys.
/// </summary>
public sealed class ServerOptions
{
    [Setting("Database", "PostgreSQL to use: a postgres:// URL or an Npgsql connection string; unset starts the embedded quick-start database", Sensitive = true)]
    [ConfigurationKeyName("DATABASE_URL")]
    public string? DatabaseUrl { get; set; }

    [Setting("Authentication", "A bearer credential acting on every organization", Sensitive = true)]
    [ConfigurationKeyName("MASTER_API_KEY")]
    public string? MasterApiKey { get; set; }

    /// <summary>JSON lines for log collectors (the container image sets it); text for people.</summary>
    [Setting("Observability", "Log format: text or json (one JSON object a line, with scopes)")]
    [ConfigurationKeyName("LOG_FORMAT")]
    [RegularExpression("^(text|json)$")]
    public string LogFormat { get; set; } = "text";

    [Setting("Web", "Address the server listens on")]
    [ConfigurationKeyName("IP")]
    public string Ip { get; set; } = "127.0.0.1";

    [Setting("Web", "Port the server listens on")]
    [ConfigurationKeyName("PORT")]
    [Range(1, 65535)]
    public int Port { get; set; } = 8080;

    /// <summary>Links in e-mails and pagination <c>Link</c> headers are built from it.</summary>
    [Setting("Web", "Public base URL of this instance (links, pagination)")]
    [ConfigurationKeyName("APP_URL")]
    [Url]
    public string AppUrl { get; set; } = "http://localhost:8080";

    /// <summary>Upstream's switch: set to skip migrations at start-up (another instance runs them).</summary>
    [Setting("Database", "Skip migrations at start-up (a deployment job runs them)")]
    [ConfigurationKeyName("NO_AUTO_DB_MIGRATION")]
    public bool NoAutoDbMigration { get; set; }

    /// <summary>Unset: <c>/health</c> answers 404. Empty: public. Otherwise <c>?key=</c> must match.</summary>
    [Setting("Health", "Key of GET /health?key=; unset disables the endpoint, empty makes it public", Sensitive = true)]
    [ConfigurationKeyName("HEALTH_CHECK_KEY")]
    public string? HealthCheckKey { get; set; }

    [Setting("Health", "Longest wait of one health probe, in milliseconds")]
    [ConfigurationKeyName("HEALTH_CHECK_TIMEOUT_MS")]
    [Range(1, int.MaxValue)]
    public int HealthCheckTimeoutMs { get; set; } = 5000;

    [Setting("Web", "Support address shown to users")]
    [ConfigurationKeyName("SUPPORT_EMAIL_ADDRESS")]
    public string SupportEmailAddress { get; set; } = "support@hook0.local";

    [Setting("Authentication", "Application secrets authenticate as bearer tokens")]
    [ConfigurationKeyName("ENABLE_APPLICATION_SECRET_COMPATIBILITY")]
    public bool ApplicationSecretCompatibility { get; set; } = true;

    /// <summary>Folder for the embedded database and generated keys (quick-start only).</summary>
    [Setting("Database", "Quick-start folder for the embedded database and generated keys")]
    [ConfigurationKeyName("HOOK0_DATA_DIR")]
    public string DataDir { get; set; } = ".hook0-data";

    /// <summary>Largest accepted request body, in bytes (upstream: 2 MiB JSON limit).</summary>
    [Setting("Web", "Largest accepted request body, in bytes")]
    [ConfigurationKeyName("MAX_REQUEST_BODY_BYTES")]
    [Range(1, long.MaxValue)]
    public long MaxRequestBodyBytes { get; set; } = 2 * 1024 * 1024;
}
