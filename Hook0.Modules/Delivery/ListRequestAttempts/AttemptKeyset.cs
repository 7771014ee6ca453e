namespace Hook0.Modules.Delivery.ListRequestAttempts;

/// <summary>
/// The lists' order, newest first by (created_at, id), on both halves and in memory (ADR 0016). An attempt's id is a
/// UUIDv7 carrying its creation time, so a bound on created_at is also a bound on the queue's primary key
/// (application_id, request_attempt_id): the queue half seeks by id and keeps the exact created_at test as a filter.
/// The bound is widened by <see cref="Slack"/> because attempts moved from wave one were stamped a few milliseconds
/// apart from their id (the same slack the history's lookup by id uses).
/// </summary>
internal static class AttemptKeyset
{
    public static readonly TimeSpan Slack = TimeSpan.FromMinutes(1);

    /// <summary>Above every id in PostgreSQL's uuid order: a cursor (t, this) is past everything at t.</summary>
    public static readonly Guid LastId = Guid.Parse("ffffffff-ffff-ffff-ffff-ffffffffffff");

    private static readonly long LatestMs = (long)(DateTime.MaxValue - DateTime.UnixEpoch - TimeSpan.FromDays(1)).TotalMilliseconds;

    /// <summary>PostgreSQL's <c>infinity</c> as Npgsql reads and writes it: the due time of a parked attempt.</summary>
    public static readonly DateTime Infinity = DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc);

    /// <summary>The smallest UUIDv7 whose time is <paramref name="at"/> moved by <paramref name="shift"/> (to the millisecond, saturating at either end).</summary>
    public static Guid LowestIdAt(DateTime at, TimeSpan shift)
    {
        var ms = (ulong)Math.Clamp((long)(at - DateTime.UnixEpoch).TotalMilliseconds + (long)shift.TotalMilliseconds, 0, (1L << 48) - 1);
        Span<byte> bytes = stackalloc byte[16];
        for (var i = 0; i < 6; i++)
        {
            bytes[i] = (byte)(ms >> (8 * (5 - i)));
        }

        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>
    /// The instant a UUIDv7 carries (what <c>webhook.uuid_v7_time</c> answers): a history row of this id has its
    /// created_at within <see cref="Slack"/> of it, which prunes a lookup by id to the one or two day partitions around it.
    /// </summary>
    public static DateTime TimeOf(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        long ms = 0;
        for (var i = 0; i < 6; i++)
        {
            ms = (ms << 8) | bytes[i];
        }

        // An id that is no UUIDv7 (a client's typo, a guess) carries no time: it may lie past DateTime's range.
        return DateTime.UnixEpoch.AddMilliseconds(Math.Min(ms, LatestMs));
    }

    /// <summary>PostgreSQL's uuid order (bytes, big-endian), which <see cref="Guid.CompareTo(Guid)"/> does not follow.</summary>
    public static string SortKey(Guid id) => id.ToString("N");

    /// <summary>Both halves' rows, newest first, as the database orders them.</summary>
    public static IEnumerable<AttemptProjection.AttemptRow> Merge(IEnumerable<AttemptProjection.AttemptRow> rows)
        => rows.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => SortKey(r.Id), StringComparer.Ordinal);
}
