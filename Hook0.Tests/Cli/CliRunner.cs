using System.Diagnostics;
using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.Cli;

/// <summary>The built <c>hook0</c> tool run as a process, with its own configuration directory (its token file).</summary>
internal sealed class CliRunner : IDisposable
{
    public string ConfigDir { get; } = Directory.CreateTempSubdirectory("hook0-cli-").FullName;

    public static string Assembly => Path.Combine(RepositoryPaths.Root, "Hook0.Cli", "bin", RepositoryPaths.Configuration, "net10.0", "hook0.dll");

    /// <summary>Runs one command to its end: exit code, stdout and stderr (trimmed).</summary>
    public async Task<(int Code, string Out, string Err)> RunAsync(string? stdin, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["HOOK0_CONFIG_DIR"] = ConfigDir },
        };
        start.ArgumentList.Add(Assembly);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        await process.WaitForExitAsync();
        return (process.ExitCode, (await output).Trim(), (await error).Trim());
    }

    /// <summary>Starts a long-running command (tail, listen) whose console lines the test reads as they come.</summary>
    public ServerProcess Start(params string[] args)
        => ServerProcess.Start(Assembly, new Dictionary<string, string?> { ["HOOK0_CONFIG_DIR"] = ConfigDir }, args);

    public void Dispose() => Directory.Delete(ConfigDir, recursive: true);
}
