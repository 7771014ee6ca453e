using System.Diagnostics;
using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.Client;

/// <summary>
/// The committed generated code is what Kiota makes of the committed document (scripts/generate-client.sh, offline):
/// nobody hand-edited it, and nobody changed the document without regenerating. Paired with
/// <see cref="ClientDocumentTests"/>, the client cannot drift from the server.
/// </summary>
public sealed class GeneratedClientTests
{
    [Test]
    public async Task Regenerating_the_client_gives_no_difference()
    {
        var committed = Path.Combine(RepositoryPaths.Root, "Hook0.Client");
        var copy = Directory.CreateTempSubdirectory("hook0-client-").FullName;
        try
        {
            File.Copy(Path.Combine(committed, "openapi.json"), Path.Combine(copy, "openapi.json"));
            var start = new ProcessStartInfo("bash", ["scripts/generate-client.sh", "--generate-only"])
            {
                WorkingDirectory = RepositoryPaths.Root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                Environment = { ["HOOK0_CLIENT_DIR"] = copy },
            };
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.That(process.ExitCode, Is.EqualTo(0), await stdout + await stderr);

            var expected = Files(Path.Combine(committed, "Generated"));
            var regenerated = Files(Path.Combine(copy, "Generated"));
            Assert.That(regenerated.Keys, Is.EquivalentTo(expected.Keys), "the same files");
            var different = expected.Keys.Where(k => regenerated.TryGetValue(k, out var text) && text != expected[k]).ToList();
            Assert.That(different, Is.Empty, "run scripts/generate-client.sh and commit Hook0.Client");
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    private static Dictionary<string, string> Files(string root)
        => Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f).Replace('\\', '/'), File.ReadAllText);
}
