using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Hook0.Tests.Infrastructure;

/// <summary>The real host on a real database; settings are upstream's environment variable names.</summary>
public sealed class Hook0Factory(TestDatabase database, IReadOnlyDictionary<string, string?>? settings = null,
    Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
    public const string MasterKey = "8f1b1d4e-6a0c-4c39-9a39-0123456789ab";

    /// <summary>Every host of a run shares the database, hence the key ring and the key that encrypts it.</summary>
    public const string SecretsEncryptionKey = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("DATABASE_URL", database.ConnectionString);
        builder.UseSetting("MASTER_API_KEY", MasterKey);
        // Most tests inspect attempts as ingestion left them; delivery tests start hosts with workers on.
        builder.UseSetting("DELIVERY_WORKERS_ENABLED", "false");
        builder.UseSetting("SECRETS_ENCRYPTION_KEY", SecretsEncryptionKey);
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
