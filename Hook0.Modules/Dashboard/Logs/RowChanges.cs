using Hook0.Modules.Delivery.Contracts;

namespace Hook0.Modules.Dashboard.Logs;

/// <summary>What a live reload changed in a list of attempts, so the page can mark those rows.</summary>
public static class RowChanges
{
    /// <summary>Rows that are new, or whose status or HTTP answer moved, between two reads of the same page.</summary>
    public static IReadOnlySet<Guid> Changed(IReadOnlyList<RequestAttemptDto> before, IReadOnlyList<RequestAttemptDto> after)
    {
        var previous = before.ToDictionary(a => a.RequestAttemptId);
        return after
            .Where(a => !previous.TryGetValue(a.RequestAttemptId, out var old) || old.Status.Type != a.Status.Type || old.HttpResponseStatus != a.HttpResponseStatus)
            .Select(a => a.RequestAttemptId)
            .ToHashSet();
    }

    /// <summary>
    /// How many rows of a fresh first page sit above the row that topped it when the user paged away;
    /// the whole page when that row is no longer on it (then there are at least that many).
    /// </summary>
    public static int NewerThan(IReadOnlyList<RequestAttemptDto> firstPage, Guid? top)
    {
        if (top is null)
        {
            return firstPage.Count;
        }

        for (var i = 0; i < firstPage.Count; i++)
        {
            if (firstPage[i].RequestAttemptId == top)
            {
                return i;
            }
        }

        return firstPage.Count;
    }
}
