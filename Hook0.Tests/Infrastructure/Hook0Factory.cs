using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Hook0.Tests.Infrastructure;

/// <summary>The real host on a real database; settings are upstream's environment variable names.</summary>
public sealed class Hook0Factory(TestDatabase database, IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    public const string MasterKey = "8f1b1d4e-6a0c-4c39-9a39-0123456789ab";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("DATABASE_URL", database.ConnectionString);
        builder.UseSetting("MASTER_API_KEY", MasterKey);
        // Most tests inspect attempts as ingestion left them; delivery tests start hosts with workers on.
        builder.UseSetting("DELIVERY_WORKERS_ENABLED", "false");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
    }
}
