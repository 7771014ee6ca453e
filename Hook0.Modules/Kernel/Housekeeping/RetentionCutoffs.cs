using Npgsql;

namespace Hook0.Modules.Kernel.Housekeeping;

/// <summary>Per-application purge cutoffs, passed to SQL as two parallel arrays (joined with <c>unnest</c>).</summary>
public sealed record RetentionCutoffs(Guid[] ApplicationIds, DateTime[] Cutoffs)
{
    public static RetentionCutoffs From(IEnumerable<(Guid ApplicationId, int Days)> retention, int graceDays, DateTime now)
    {
        var list = retention.ToList();
        return new([.. list.Select(r => r.ApplicationId)], [.. list.Select(r => now.AddDays(-(double)r.Days - graceDays))]);
    }

    public void AddTo(NpgsqlParameterCollection parameters)
    {
        parameters.AddWithValue("apps", ApplicationIds);
        parameters.AddWithValue("cutoffs", Cutoffs);
    }
}
