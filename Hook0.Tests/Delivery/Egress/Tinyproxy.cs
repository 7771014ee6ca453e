using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.Delivery.Egress;

/// <summary>
/// Debian's tinyproxy on a loopback port with a configuration of its own: Basic credentials, CONNECT allowed only to
/// the given ports (its default allows 443 and 563 only) and a filter that lets it reach 127.0.0.1 and nothing else
/// (a denied tunnel is logged with the address asked for, and never opened). Its log shows what it was asked.
/// </summary>
internal sealed class Tinyproxy : IAsyncDisposable
{
    public const string User = "hook0", Password = "pr0xy-s3cret";

    private readonly string _dir;
    private readonly Process _process;

    private Tinyproxy(string dir, Process process, int port)
    {
        _dir = dir;
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The <c>EGRESS_PROXIES</c> URL, credentials included.</summary>
    public string Url => $"http://{User}:{Password}@127.0.0.1:{Port}";

    private string LogPath => Path.Combine(_dir, "tinyproxy.log");

    public static async Task<Tinyproxy> StartAsync(params int[] connectPorts)
    {
        var dir = Directory.CreateTempSubdirectory("hook0-tinyproxy-").FullName;
        var port = LoopbackServer.ClosedPort();
        await File.WriteAllTextAsync(Path.Combine(dir, "filter"), "^127\\.0\\.0\\.1$\n");
        var config = string.Join('\n',
        [
            $"Port {port}", "Listen 127.0.0.1", "Timeout 10", $"LogFile \"{Path.Combine(dir, "tinyproxy.log")}\"", "LogLevel Connect",
            "MaxClients 100", "Allow 127.0.0.1", "DisableViaHeader Yes", $"BasicAuth {User} {Password}",
            $"Filter \"{Path.Combine(dir, "filter")}\"", "FilterDefaultDeny Yes", "FilterType ere",
            .. connectPorts.Select(p => $"ConnectPort {p}"),
        ]) + "\n";
        var configPath = Path.Combine(dir, "tinyproxy.conf");
        await File.WriteAllTextAsync(configPath, config);
        var process = Process.Start(new ProcessStartInfo("/usr/bin/tinyproxy", ["-d", "-c", configPath])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        }) ?? throw new InvalidOperationException("tinyproxy did not start.");
        var proxy = new Tinyproxy(dir, process, port);
        await Eventually.HoldsAsync(() => Accepts(port), TimeSpan.FromSeconds(10));
        return proxy;
    }

    /// <summary>The requests tinyproxy received (its <c>Request (file descriptor n): …</c> log lines, the request line only).</summary>
    public IReadOnlyList<string> Requests()
    {
        if (!File.Exists(LogPath))
        {
            return [];
        }

        using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return [.. reader.ReadToEnd().Split('\n').Where(l => l.Contains("Request (file descriptor", StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf("): ", StringComparison.Ordinal) + 3)..].Trim())];
    }

    /// <summary>The whole log (for "never logged" checks and failure messages).</summary>
    public string Log()
    {
        using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static bool Accepts(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
