namespace Hook0.Modules.Kernel.Housekeeping;

/// <summary>A periodic maintenance job a module contributes (it only touches that module's tables).</summary>
public interface IHousekeepingJob
{
    string Name { get; }

    TimeSpan Period { get; }

    /// <returns>How many rows the job removed, or would remove when <paramref name="reportOnly"/>.</returns>
    Task<long> RunAsync(bool reportOnly, CancellationToken cancellationToken);

    /// <summary>Report-only jobs count what they would delete and delete nothing.</summary>
    bool ReportOnly { get; }
}
