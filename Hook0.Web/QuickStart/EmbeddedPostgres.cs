using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;

namespace Hook0.Web.QuickStart;

/// <summary>
/// A durable local PostgreSQL cluster under the data folder, for running Hook0 with no configuration.
/// It listens on loopback only, with a generated password, and is stopped when the server stops.
/// </summary>
internal sealed class EmbeddedPostgres
{
    private readonly string _bin;
    private readonly string _root;
    private int _stopped;

    private EmbeddedPostgres(string bin, string root, int port, string password)
    {
        _bin = bin;
        _root = root;
        Port = port;
        Password = password;
    }

    public int Port { get; }

    private string Password { get; }

    private string ClusterDir => Path.Combine(_root, "data");

    public string ConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Password = Password,
        Database = "hook0",
    }.ConnectionString;

    public static async Task<EmbeddedPostgres> StartAsync(string dataDir, Action<string> log)
    {
        var bin = PostgresBinaries.Find()
            ?? throw new InvalidOperationException(
                "No DATABASE_URL is set and no PostgreSQL server binaries were found. Install PostgreSQL (e.g. 'apt-get install postgresql') or set DATABASE_URL.");
        var root = await ClusterRootAsync(dataDir);
        var passwordFile = Path.Combine(root, "password");
        if (!File.Exists(passwordFile))
        {
            await File.WriteAllTextAsync(passwordFile, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)));
            ProcessRunner.OwnerOnly(passwordFile);
        }

        var password = (await File.ReadAllTextAsync(passwordFile)).Trim();
        await ProcessRunner.HandOverAsync(root);

        var running = RunningPort(root);
        var cluster = new EmbeddedPostgres(bin, root, running ?? FreeLoopbackPort(), password);
        if (!File.Exists(Path.Combine(cluster.ClusterDir, "PG_VERSION")))
        {
            log($"Creating the embedded PostgreSQL cluster in {cluster.ClusterDir}");
            await cluster.RunAsync("initdb", ["-D", cluster.ClusterDir, "-U", "postgres", "--auth=scram-sha-256", $"--pwfile={passwordFile}", "-E", "UTF8", "--locale=C.UTF-8"], TimeSpan.FromMinutes(2));
        }

        if (running is null)
        {
            await cluster.RunAsync("pg_ctl", ["-D", cluster.ClusterDir, "-l", Path.Combine(root, "server.log"), "-w", "-t", "60",
                "-o", $"-p {cluster.Port} -h 127.0.0.1 -c unix_socket_directories=''", "start"], TimeSpan.FromMinutes(2));
        }

        log($"Embedded PostgreSQL ({Path.GetFileName(Path.GetDirectoryName(bin))}) listening on 127.0.0.1:{cluster.Port}");
        return cluster;
    }

    /// <summary>
    /// The cluster lives in the data folder, unless the server runs as root in a folder the postgres
    /// user cannot reach (e.g. under /root): then in postgres's home, keyed by the data folder.
    /// </summary>
    private static async Task<string> ClusterRootAsync(string dataDir)
    {
        var root = Path.GetFullPath(Path.Combine(dataDir, "postgres"));
        Directory.CreateDirectory(root);
        await ProcessRunner.HandOverAsync(root);
        if (await ProcessRunner.PostgresCanWriteAsync(root))
        {
            return root;
        }

        var key = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(root)))[..12];
        var fallback = Path.Combine("/var/lib/postgresql/hook0", key);
        Directory.CreateDirectory(fallback);
        await ProcessRunner.HandOverAsync("/var/lib/postgresql/hook0");
        return fallback;
    }

    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            await RunAsync("pg_ctl", ["-D", ClusterDir, "-m", "fast", "-w", "-t", "60", "stop"], TimeSpan.FromMinutes(1));
        }
    }

    private async Task RunAsync(string tool, string[] arguments, TimeSpan timeout)
    {
        var (exit, output) = await ProcessRunner.RunAsync(Path.Combine(_bin, tool), arguments, timeout);
        if (exit != 0)
        {
            throw new InvalidOperationException($"{tool} failed ({exit}): {output.Trim()}");
        }
    }

    /// <summary>A cluster left running by a killed server is reused: its port is in postmaster.pid (line 4).</summary>
    private static int? RunningPort(string root)
    {
        var pidFile = Path.Combine(root, "data", "postmaster.pid");
        if (!File.Exists(pidFile))
        {
            return null;
        }

        var lines = File.ReadAllLines(pidFile);
        if (lines.Length < 4 || !int.TryParse(lines[0], out var pid) || !int.TryParse(lines[3], out var port))
        {
            return null;
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return process.HasExited ? null : port;
        }
        catch (ArgumentException)
        {
            return null; // stale pid file: pg_ctl start will clean it up
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
