using System.Diagnostics;

namespace Hook0.Web.QuickStart;

/// <summary>Runs PostgreSQL's tools, as the <c>postgres</c> user when this process is root (the server refuses root).</summary>
internal static class ProcessRunner
{
    public static bool RunsAsRoot => Environment.IsPrivilegedProcess;

    public static async Task<(int ExitCode, string Output)> RunAsync(string file, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var info = RunsAsRoot
            ? new ProcessStartInfo("runuser") { ArgumentList = { "-u", "postgres", "--", file } }
            : new ProcessStartInfo(file);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.WorkingDirectory = "/"; // a root-only cwd makes postgres warn it cannot change directory

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {file}.");
        using var cts = new CancellationTokenSource(timeout);
        var stdout = process.StandardOutput.ReadToEndAsync(cts.Token);
        var stderr = process.StandardError.ReadToEndAsync(cts.Token);
        await process.WaitForExitAsync(cts.Token);
        return (process.ExitCode, (await stdout) + (await stderr));
    }

    /// <summary>Gives a folder to the postgres user when running as root, so the server may write there.</summary>
    public static async Task HandOverAsync(string folder)
    {
        if (!RunsAsRoot)
        {
            return;
        }

        using var process = Process.Start(new ProcessStartInfo("chown") { ArgumentList = { "-R", "postgres:postgres", folder } })
            ?? throw new InvalidOperationException("Could not start chown.");
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"Could not give {folder} to the postgres user (is PostgreSQL installed?).");
        }
    }

    /// <summary>Whether the postgres user can write in a folder (always true when not root).</summary>
    public static async Task<bool> PostgresCanWriteAsync(string folder)
        => !RunsAsRoot || (await RunAsync("/usr/bin/test", ["-w", folder], TimeSpan.FromSeconds(10))).ExitCode == 0;

    /// <summary>Secrets written to the data folder are readable by their owner only.</summary>
    public static void OwnerOnly(string file)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
