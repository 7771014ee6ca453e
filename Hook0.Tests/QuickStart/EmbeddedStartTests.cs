using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.QuickStart;

/// <summary>
/// The zero-configuration start the README promises: no DATABASE_URL, so the server brings up its
/// embedded PostgreSQL under the data folder, prints the generated master key once, keeps both across
/// a restart, and stops the cluster when it stops.
/// </summary>
[NonParallelizable]
public sealed class EmbeddedStartTests
{
    private string _dataDir = null!;

    [SetUp]
    public void CreateDataDir()
    {
        _dataDir = Path.Combine(Path.GetTempPath(), $"hook0-qs-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_dataDir);
    }

    [TearDown]
    public async Task RemoveDataDirAsync()
    {
        var pid = Path.Combine(_dataDir, "postgres", "data", "postmaster.pid");
        if (File.Exists(pid) && int.TryParse(File.ReadLines(pid).First(), out var postmaster))
        {
            using var kill = Process.Start("kill", ["-TERM", postmaster.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
            await Task.Delay(1000);
        }

        Directory.Delete(_dataDir, recursive: true);
    }

    [Test]
    public async Task Server_with_no_configuration_runs_on_an_embedded_database_and_keeps_its_key()
    {
        var environment = new Dictionary<string, string?> { ["HOOK0_DATA_DIR"] = _dataDir };
        string key;
        await using (var first = ServerProcess.Start(environment))
        {
            var line = await first.WaitForLineAsync(l => l.Contains("Master API key (shown once", StringComparison.Ordinal), TimeSpan.FromMinutes(2));
            key = line[(line.LastIndexOf(": ", StringComparison.Ordinal) + 2)..].Trim();
            Assert.That(Guid.TryParse(key, out _), Is.True, line);

            using var client = new HttpClient { BaseAddress = first.BaseAddress };
            Assert.That((await client.GetAsync("/readyz")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            var errors = await client.GetAsync("/api/v1/does-not-exist");
            Assert.That(errors.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "the generated key authenticates");

            await first.StopAsync();
            Assert.That(File.Exists(Path.Combine(_dataDir, "postgres", "data", "postmaster.pid")), Is.False, "the embedded cluster stops with the server");
            Assert.That(first.Output.Count(l => l.Contains(key, StringComparison.Ordinal)), Is.EqualTo(1), "the key is printed exactly once");
            var secretsKey = (await File.ReadAllTextAsync(Path.Combine(_dataDir, "secrets-encryption-key"))).Trim();
            Assert.That(first.Output.Count(l => l.Contains("Secrets encryption key generated in", StringComparison.Ordinal)), Is.EqualTo(1), "where the secrets key is, told once");
            Assert.That(first.Output.Any(l => l.Contains(secretsKey, StringComparison.Ordinal)), Is.False, "the secrets key itself is never printed");
        }

        await using var second = ServerProcess.Start(environment);
        await second.WaitForLineAsync(l => l.Contains("Master API key: stored in", StringComparison.Ordinal), TimeSpan.FromMinutes(2));
        Assert.That(second.Output.Any(l => l.Contains(key, StringComparison.Ordinal)), Is.False, "a restart does not print the key again");
        Assert.That(second.Output.Any(l => l.Contains("Secrets encryption key generated", StringComparison.Ordinal)), Is.False, "kept, not generated again");
        using var again = new HttpClient { BaseAddress = second.BaseAddress };
        again.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        Assert.That((await again.GetAsync("/api/v1/does-not-exist")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "the same key still authenticates");
        await second.StopAsync();
    }
}
