using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Hook0.Tests.Biscuit;

/// <summary>Runs node/biscuit/biscuit-tool.mjs, which drives the reference implementation (biscuit-wasm 0.6.0).</summary>
public static class NodeBiscuitTool
{
    private static readonly Lazy<string> NodeDirectory = new(FindNodeDirectory);

    public static JsonObject Run(JsonObject request)
    {
        var directory = NodeDirectory.Value;
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--no-warnings", "--experimental-wasm-modules", Path.Combine("biscuit", "biscuit-tool.mjs") })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start node");
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(request.ToJsonString());
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("node did not answer within 60 s");
        }

        var resultLine = stdout.Result.Split('\n').FirstOrDefault(l => l.StartsWith("RESULT:", StringComparison.Ordinal))
            ?? throw new AssertionException($"node gave no result (exit {process.ExitCode}): {stdout.Result} {stderr.Result}");
        var result = JsonNode.Parse(resultLine["RESULT:".Length..])!.AsObject();
        if (result["failure"] is not null)
        {
            throw new AssertionException($"node failed: {result.ToJsonString()}");
        }

        return result;
    }

    /// <summary>Walks up from the test assembly to <c>Hook0.Tests/node</c>; HOOK0_TESTS_NODE_DIR overrides it.</summary>
    private static string FindNodeDirectory()
    {
        var candidate = Environment.GetEnvironmentVariable("HOOK0_TESTS_NODE_DIR");
        if (string.IsNullOrEmpty(candidate))
        {
            for (var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); directory is not null; directory = directory.Parent)
            {
                var nested = Path.Combine(directory.FullName, "Hook0.Tests", "node");
                var here = Path.Combine(directory.FullName, "node");
                if (Directory.Exists(nested))
                {
                    candidate = nested;
                    break;
                }

                if (directory.Name == "Hook0.Tests" && Directory.Exists(here))
                {
                    candidate = here;
                    break;
                }
            }
        }

        if (string.IsNullOrEmpty(candidate) || !File.Exists(Path.Combine(candidate, "biscuit", "biscuit-tool.mjs")))
        {
            Assert.Fail($"Hook0.Tests/node was not found above {TestContext.CurrentContext.TestDirectory}; set HOOK0_TESTS_NODE_DIR.");
        }

        if (!Directory.Exists(Path.Combine(candidate!, "node_modules", "@biscuit-auth", "biscuit-wasm")))
        {
            Assert.Fail($"{candidate}/node_modules is missing: run 'npm ci' in {candidate} before the interoperability tests.");
        }

        return candidate!;
    }
}
