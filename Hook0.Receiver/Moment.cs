namespace Hook0.Receiver;

/// <summary>Timestamp arithmetic safe for any integer a sender writes.</summary>
internal static class Moment
{
    // DateTimeOffset's range in Unix seconds (years 0001 to 9999).
    public const long MinSeconds = -62135596800;
    public const long MaxSeconds = 253402300799;

    public static bool Within(long timestamp, DateTimeOffset now, TimeSpan tolerance)
    {
        // decimal: |now - t| never overflows, whatever integer was sent.
        var age = Math.Abs((decimal)now.ToUnixTimeSeconds() - timestamp);
        return age <= (decimal)tolerance.TotalSeconds;
    }
}
