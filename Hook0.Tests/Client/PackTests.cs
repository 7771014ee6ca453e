using System.Diagnostics;
using System.IO.Compression;
using System.Xml.Linq;
using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.Client;

/// <summary><c>dotnet pack</c> makes the two packages with both targets, the README, the licence and the version.</summary>
public sealed class PackTests
{
    [TestCase("Hook0.Client", "Microsoft.Extensions.Http.Resilience")]
    [TestCase("Hook0.Receiver", "BouncyCastle.Cryptography")]
    public async Task Pack_makes_a_package_with_readme_licence_version_and_both_targets(string project, string dependency)
    {
        var output = Directory.CreateTempSubdirectory("hook0-pack-").FullName;
        try
        {
            // --no-build: the solution build that precedes the tests built both targets in this configuration.
            var start = new ProcessStartInfo("dotnet", ["pack", $"{project}/{project}.csproj", "-c", RepositoryPaths.Configuration, "--no-build", "-o", output, "-nologo"])
            {
                WorkingDirectory = RepositoryPaths.Root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var log = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.That(process.ExitCode, Is.EqualTo(0), await log + await errors);

            var package = Directory.GetFiles(output, "*.nupkg").Single();
            using var zip = ZipFile.OpenRead(package);
            var entries = zip.Entries.Select(e => e.FullName).ToList();
            await using var nuspecStream = zip.GetEntry($"{project}.nuspec")!.Open();
            var nuspec = await XDocument.LoadAsync(nuspecStream, LoadOptions.None, default);
            string? Meta(string name) => nuspec.Descendants().FirstOrDefault(e => e.Name.LocalName == name)?.Value;

            Assert.Multiple(() =>
            {
                Assert.That(Path.GetFileName(package), Is.EqualTo($"{project}.0.1.0.nupkg"));
                Assert.That(entries, Does.Contain("README.md").And.Contain($"lib/netstandard2.0/{project}.dll").And.Contain($"lib/net10.0/{project}.dll"));
                Assert.That(Meta("version"), Is.EqualTo("0.1.0"), "Directory.Build.props' Hook0PackagesVersion");
                Assert.That(Meta("license"), Is.EqualTo("MIT"));
                Assert.That(Meta("readme"), Is.EqualTo("README.md"));
                Assert.That(Meta("description"), Is.Not.Empty);
                Assert.That(nuspec.Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => e.Attribute("id")!.Value), Does.Contain(dependency));
                Assert.That(entries, Has.None.Contains("Hook0.Modules"), "independent of the server's code");
            });
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
