namespace Hook0.Modules.Kernel.Persistence;

/// <summary>
/// PostgreSQL keeps microseconds; .NET keeps 100 ns ticks. Timestamps are truncated before they are
/// stored so an answer given at creation equals what every later read returns.
/// </summary>
public static class DatabaseClock
{
    public static DateTime UtcNowForDatabase(this TimeProvider time)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return new DateTime(now.Ticks - (now.Ticks % 10), DateTimeKind.Utc);
    }
}
