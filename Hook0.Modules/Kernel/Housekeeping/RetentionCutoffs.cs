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

    /// <summary>
    /// The global horizon: the oldest cutoff (the longest retention plus the grace period). Everything before it is
    /// past every application's retention, so whole day partitions before it can be dropped. Null when no
    /// application has a retention (quotas not enforced: retention is unlimited).
    /// </summary>
    public DateTime? Global => Cutoffs.Length == 0 ? null : Cutoffs.Min();

    public void AddTo(NpgsqlParameterCollection parameters)
    {
        parameters.AddWithValue("apps", ApplicationIds);
        parameters.AddWithValue("cutoffs", Cutoffs);
    }
}
