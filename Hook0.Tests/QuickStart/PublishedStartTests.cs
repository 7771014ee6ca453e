using System.Diagnostics;
using System.Net;
using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.QuickStart;

/// <summary>
/// The container's start-up path without Docker: <c>dotnet publish Hook0.Web -c Release</c> as the
/// Dockerfile runs it, then the published assembly started with no DATABASE_URL and a fresh data
/// folder (the image's quick-start mode). Published once per run (a Release build takes about a minute
/// here), without restoring: the run's own build restored already, and a restore would rewrite obj/.
/// </summary>
[NonParallelizable]
public sealed class PublishedStartTests
{
    private string _workDir = null!;

    [OneTimeSetUp]
    public async Task PublishAsync()
    {
        _workDir = Path.Combine(Path.GetTempPath(), $"hook0-publish-{Guid.NewGuid():N}");
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "publish", Path.Combine(RepositoryPaths.Root, "Hook0.Web", "Hook0.Web.csproj"), "-c", "Release", "-o", Path.Combine(_workDir, "app"), "--no-restore", "-nologo", "-clp:ErrorsOnly" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var publish = Process.Start(info)!;
        var output = publish.StandardOutput.ReadToEndAsync();
        var errors = publish.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await publish.WaitForExitAsync(cts.Token);
        Assert.That(publish.ExitCode, Is.Zero, await output + await errors);
    }

    [OneTimeTearDown]
    public async Task RemoveAsync()
    {
        var pid = Path.Combine(_workDir, "data", "postgres", "data", "postmaster.pid");
        if (File.Exists(pid) && int.TryParse(File.ReadLines(pid).First(), out var postmaster))
        {
            using var kill = Process.Start("kill", ["-TERM", postmaster.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
            await Task.Delay(1000);
        }

        Directory.Delete(_workDir, recursive: true);
    }

    [Test]
    public async Task Published_server_starts_on_its_embedded_database_and_answers()
    {
        var environment = new Dictionary<string, string?> { ["HOOK0_DATA_DIR"] = Path.Combine(_workDir, "data") };
        await using var server = ServerProcess.Start(Path.Combine(_workDir, "app", "Hook0.Web.dll"), environment);
        await server.WaitForLineAsync(l => l.Contains("Hook0 is running", StringComparison.Ordinal), TimeSpan.FromMinutes(2));

        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        var ready = await client.GetAsync("/readyz");
        var instance = await client.GetAsync("/api/v1/instance");
        var alive = await client.GetAsync("/healthz");
        Assert.Multiple(() =>
        {
            Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(instance.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(alive.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the image's HEALTHCHECK probe");
        });
        await server.StopAsync();
    }
}
