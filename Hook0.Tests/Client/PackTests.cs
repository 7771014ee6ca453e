using System.Diagnostics;
using System.IO.Compression;
using System.Xml.Linq;
using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.Client;

/// <summary><c>dotnet pack</c> makes the two libraries with both targets, the README, the licence and the version, and the CLI as a tool.</summary>
public sealed class PackTests
{
    [TestCase("Hook0.Client", "Microsoft.Extensions.Http.Resilience")]
    [TestCase("Hook0.Receiver", "BouncyCastle.Cryptography")]
    public async Task Pack_makes_a_package_with_readme_licence_version_and_both_targets(string project, string dependency)
    {
        var output = Directory.CreateTempSubdirectory("hook0-pack-").FullName;
        try
        {
            var package = await PackAsync(project, output);
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

    [Test]
    public async Task Pack_makes_the_cli_a_dotnet_tool_named_hook0()
    {
        var output = Directory.CreateTempSubdirectory("hook0-pack-").FullName;
        try
        {
            using var zip = ZipFile.OpenRead(await PackAsync("Hook0.Cli", output));
            var entries = zip.Entries.Select(e => e.FullName).ToList();
            using var settings = new StreamReader(zip.GetEntry("tools/net10.0/any/DotnetToolSettings.xml")!.Open());
            var text = await settings.ReadToEndAsync();

            Assert.Multiple(() =>
            {
                Assert.That(entries, Does.Contain("README.md").And.Contain("tools/net10.0/any/hook0.dll"));
                Assert.That(text, Does.Contain("Name=\"hook0\""));
            });
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    private static async Task<string> PackAsync(string project, string output)
    {
        // --no-build: the solution build that precedes the tests built every target in this configuration.
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
        return Directory.GetFiles(output, "*.nupkg").Single();
    }
}
