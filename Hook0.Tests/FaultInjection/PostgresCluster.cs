using System.Diagnostics;
using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.FaultInjection;

/// <summary>
/// A throwaway PostgreSQL of the test's own (scripts/lib/postgres.sh), which the test crashes and restarts.
/// It runs with production durability (fsync, synchronous commit): the test run's fast cluster
/// acknowledges commits before writing them, so a crash there loses committed rows by design.
/// </summary>
internal sealed class PostgresCluster : IAsyncDisposable
{
    private readonly string _root;

    private PostgresCluster(string root, int port)
    {
        _root = root;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString(string database) => $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Timeout=3";

    public static async Task<PostgresCluster> StartAsync()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var root = (await RunAsync($"start_throwaway_postgres {port} durable")).Trim();
        return new PostgresCluster(root, port);
    }

    /// <summary>Stops it at once (<c>pg_ctl -m immediate</c>): connections drop, nothing is shut down cleanly.</summary>
    public Task CrashAsync() => RunAsync($"crash_throwaway_postgres '{_root}'");

    public Task RestartAsync() => RunAsync($"restart_throwaway_postgres '{_root}'");

    public async ValueTask DisposeAsync() => await RunAsync($"stop_throwaway_postgres '{_root}'");

    private static async Task<string> RunAsync(string command)
    {
        var info = new ProcessStartInfo("bash")
        {
            ArgumentList = { "-c", $"set -e; source scripts/lib/postgres.sh; {command}" },
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.That(process.ExitCode, Is.Zero, $"{command}: {await error}");
        return await output;
    }
}
