using System.Diagnostics;

namespace Hook0.Web.QuickStart;

/// <summary>
/// Finds the PostgreSQL server binaries installed on this machine, whatever their major version:
/// <c>PGBIN</c>, then <c>pg_config --bindir</c>, then the highest <c>/usr/lib/postgresql/*/bin</c>.
/// Nothing is ever downloaded.
/// </summary>
internal static class PostgresBinaries
{
    public static string? Find()
    {
        var candidates = new List<string?>
        {
            Environment.GetEnvironmentVariable("PGBIN"),
            PgConfigBinDir(),
        };
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin")));
        }

        candidates.Add("/usr/local/pgsql/bin");
        return candidates.FirstOrDefault(d => d is not null && File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
    }

    private static string? PgConfigBinDir()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pg_config", "--bindir") { RedirectStandardOutput = true, RedirectStandardError = true });
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit(5000);
            return process.ExitCode == 0 && output.Length > 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // pg_config is not installed: fall back to the usual folders
        }
    }
}
