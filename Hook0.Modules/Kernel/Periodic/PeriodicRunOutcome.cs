namespace Hook0.Modules.Kernel.Periodic;

/// <summary>The <c>outcome</c> tag of a periodic run's metrics.</summary>
public static class PeriodicRunOutcome
{
    public const string Succeeded = "succeeded";

    /// <summary>Another holder had the job's advisory lock: this run did nothing.</summary>
    public const string Skipped = "skipped";

    public const string Failed = "failed";

    /// <summary>The server stopped during the run.</summary>
    public const string Cancelled = "cancelled";
}
