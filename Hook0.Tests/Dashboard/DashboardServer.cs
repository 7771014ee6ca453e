using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.Dashboard;

/// <summary>The built server as its own process on the run's database, listening, for the browser tests.</summary>
public static class DashboardServer
{
    /// <param name="settings">Settings on top of the database, the master key and migrations left to the run.</param>
    public static async Task<ServerProcess> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["DATABASE_URL"] = ApiFixture.Database.ConnectionString,
            ["MASTER_API_KEY"] = Hook0Factory.MasterKey,
            ["NO_AUTO_DB_MIGRATION"] = "true",
            ["AUTH_RATE_LIMITING_IP_BURST_SIZE"] = "1000000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var server = ServerProcess.Start(all);
        await server.WaitForLineAsync(l => l.Contains("Now listening on", StringComparison.Ordinal), TimeSpan.FromMinutes(1));
        return server;
    }
}
