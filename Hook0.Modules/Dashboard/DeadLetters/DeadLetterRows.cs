using Hook0.Modules.Delivery.Contracts;

namespace Hook0.Modules.Dashboard.DeadLetters;

/// <summary>
/// The dead-letter rows shown: the server's page plus the letters re-queued from this page (which left the server's list),
/// in the server's order (newest failure first, ADR 0016).
/// </summary>
public static class DeadLetterRows
{
    public static IReadOnlyList<RequestAttemptDto> Merge(IReadOnlyList<RequestAttemptDto> page, IEnumerable<RequestAttemptDto> requeued)
    {
        var ids = page.Select(a => a.RequestAttemptId).ToHashSet();
        return [.. page.Concat(requeued.Where(r => !ids.Contains(r.RequestAttemptId)))
            .OrderByDescending(a => a.FailedAt ?? a.CreatedAt).ThenByDescending(a => a.RequestAttemptId.ToString("N"), StringComparer.Ordinal)];
    }

    /// <summary>Rows shown before a bulk retry that the fresh page no longer has: they were sent again.</summary>
    public static IEnumerable<RequestAttemptDto> Gone(IReadOnlyList<RequestAttemptDto> before, IReadOnlyList<RequestAttemptDto> page)
    {
        var ids = page.Select(a => a.RequestAttemptId).ToHashSet();
        return before.Where(a => !ids.Contains(a.RequestAttemptId));
    }
}
