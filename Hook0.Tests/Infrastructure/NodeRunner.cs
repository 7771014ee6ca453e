using System.Diagnostics;

namespace Hook0.Tests.Infrastructure;

/// <summary>Runs a script under node from <c>Hook0.Tests/node</c> (where the test script installs the pinned packages).</summary>
public static class NodeRunner
{
    public static async Task<string> RunAsync(string script, params string[] arguments)
    {
        var folder = RepositoryPaths.NodeFolder;
        if (!Directory.Exists(Path.Combine(folder, "node_modules")))
        {
            throw new AssertionException($"Run 'npm ci' in {folder} first (scripts/test.sh does).");
        }

        var info = new ProcessStartInfo("node") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(cts.Token);
        Assert.That(process.ExitCode, Is.Zero, await error);
        return await output;
    }
}
