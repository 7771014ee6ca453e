namespace Hook0.Tests.FaultInjection;

/// <summary>
/// How big the fault-injection runs are: reduced in the normal test run, full with
/// <c>HOOK0_FAULT_SIZE=full bash scripts/test.sh --filter TestCategory=FaultInjection</c>.
/// </summary>
internal static class FaultSize
{
    public const string Category = "FaultInjection";

    public static bool Full { get; } = string.Equals(Environment.GetEnvironmentVariable("HOOK0_FAULT_SIZE"), "full", StringComparison.OrdinalIgnoreCase);

    public static int Pick(int reduced, int full) => Full ? full : reduced;

    /// <summary>The seed of this run's random choices (HOOK0_FAULT_SEED replays one), printed with the counts.</summary>
    public static int Seed { get; } = int.TryParse(Environment.GetEnvironmentVariable("HOOK0_FAULT_SEED"), out var seed) ? seed : Random.Shared.Next();

    /// <summary>
    /// Prints the counts (quoted in docs/benchmarks.md): to the test's output, and to the file named by
    /// HOOK0_FAULT_REPORT, which scripts/test.sh prints after the run.
    /// </summary>
    public static void Report(string test, string counts)
    {
        var line = $"[fault-injection] {test} ({(Full ? "full" : "reduced")}, seed {Seed}): {counts}";
        TestContext.Progress.WriteLine(line);
        TestContext.Out.WriteLine(line);
        if (Environment.GetEnvironmentVariable("HOOK0_FAULT_REPORT") is { Length: > 0 } file)
        {
            File.AppendAllLines(file, [line]);
        }
    }
}
