using System.Text.RegularExpressions;

namespace Hook0.Tests.Architecture;

/// <summary>
/// Where a test file may live: a folder per production module (and one for the Biscuit library and one for these
/// architecture rules), the cross-cutting suites beside them, and the shared fixtures in <c>Infrastructure/</c>.
/// A file's namespace follows its folder, so that a test filter on a namespace and a look at the tree agree.
/// </summary>
public static partial class TestLayout
{
    /// <summary>Mirrors of <c>Hook0.Modules/</c>, the Biscuit library and the architecture rules.</summary>
    public static readonly string[] ModuleFolders = ["Kernel", "Organizations", "Ingestion", "Delivery", "Dashboard", "Assistant", "Biscuit", "Architecture"];

    /// <summary>Suites that cross every module: the wire contract, fault injection, start-up, upgrades, several instances;
    /// and the .NET packages and samples built beside the server (Receiver, Client, Samples, Cli).</summary>
    public static readonly string[] CrossCuttingFolders = ["Contract", "FaultInjection", "QuickStart", "Upgrade", "Instances", "Receiver", "Client", "Samples", "Cli"];

    /// <summary>The shared fixtures (hosts, database, receivers, polling) and the node tools the interop tests drive.</summary>
    public static readonly string[] SharedFolders = ["Infrastructure", "node"];

    public static IEnumerable<string> AllowedFolders => [.. ModuleFolders, .. CrossCuttingFolders, .. SharedFolders];

    // NUnit applies a [SetUpFixture] to its namespace and below: the run-wide fixture must stay in the root namespace.
    private const string RootFixture = "Infrastructure/ApiFixture.cs";

    /// <summary>The C# files of the test project, as paths relative to it with '/' separators.</summary>
    public static IEnumerable<string> SourceFiles(string projectFolder)
        => Directory.EnumerateFiles(projectFolder, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(projectFolder, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(f => !f.StartsWith("bin/", StringComparison.Ordinal) && !f.StartsWith("obj/", StringComparison.Ordinal)
                        && !f.StartsWith("node/", StringComparison.Ordinal));

    /// <summary>Each file outside the allowed folders, or whose namespace is not its folder's, with the reason.</summary>
    public static IEnumerable<string> Misplaced(IEnumerable<(string Path, string Source)> files)
    {
        foreach (var (path, source) in files)
        {
            var folders = path.Split('/')[..^1];
            if (folders.Length == 0 || !AllowedFolders.Contains(folders[0], StringComparer.Ordinal))
            {
                yield return $"{path}: not under one of {string.Join(", ", AllowedFolders)}";
                continue;
            }

            var expected = path == RootFixture ? "Hook0.Tests" : "Hook0.Tests." + string.Join('.', folders);
            var actual = NamespaceLine().Match(source) is { Success: true } m ? m.Groups[1].Value : "(none)";
            if (actual != expected)
            {
                yield return $"{path}: namespace {actual}, expected {expected}";
            }
        }
    }

    [GeneratedRegex(@"^namespace\s+([\w.]+)\s*;", RegexOptions.Multiline, matchTimeoutMilliseconds: 1000)]
    private static partial Regex NamespaceLine();
}
