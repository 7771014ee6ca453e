using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;

namespace Hook0.Tests.Infrastructure;

/// <summary>The real host on a real database; settings are upstream's environment variable names.</summary>
public sealed class Hook0Factory(TestDatabase database, IReadOnlyDictionary<string, string?>? settings = null,
    Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
    public const string MasterKey = "8f1b1d4e-6a0c-4c39-9a39-0123456789ab";

    /// <summary>The instance's Biscuit root key in tests, so a test can forge tokens "as the server" (e.g. already expired).</summary>
    public const string BiscuitPrivateKey = "3b6a27bcceb6a42d62a3a8d02a6f0d73653215771de243a63ac048a18b59da29";

    /// <summary>The e-mail links this host wrote to its log.</summary>
    public Mailbox Mailbox { get; } = new();
    /// <summary>Every host of a run shares the database, hence the key ring and the key that encrypts it.</summary>
    public const string SecretsEncryptionKey = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureLogging(logging => logging.AddProvider(Mailbox));
        builder.UseSetting("DATABASE_URL", database.ConnectionString);
        builder.UseSetting("MASTER_API_KEY", MasterKey);
        builder.UseSetting("BISCUIT_PRIVATE_KEY", BiscuitPrivateKey);
        // Most tests inspect attempts as ingestion left them; delivery tests start hosts with workers on.
        builder.UseSetting("DELIVERY_WORKERS_ENABLED", "false");
        builder.UseSetting("SECRETS_ENCRYPTION_KEY", SecretsEncryptionKey);
        // The whole suite signs in from one address (a test server has none): the per-address account
        // throttle is exercised by the tests that set it low, not by accident here.
        builder.UseSetting("AUTH_RATE_LIMITING_IP_BURST_SIZE", "1000000");
        // A request-attempt stream ends after a second here, so that a test reading a whole answer (the role matrix)
        // gets one; the stream tests set their own.
        builder.UseSetting("ATTEMPT_STREAM_MAX_SECONDS", "1");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        if (services is not null)
        {
            builder.ConfigureServices(services);
        }
    }
}
