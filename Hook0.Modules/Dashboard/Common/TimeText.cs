using System.Globalization;

namespace Hook0.Modules.Dashboard.Common;

/// <summary>
/// How an instant is written: in the user's zone with its offset on the page, UTC in the hover title, ISO-8601 with
/// offset in the <c>datetime</c> attribute and in every copy or export. The server keeps UTC.
/// </summary>
public static class TimeText
{
    /// <summary>In <paramref name="zone"/>, to the second, with the offset (e.g. <c>2026-01-31 09:45:00 -05:00</c>).</summary>
    public static string Local(DateTime utc, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(new DateTimeOffset(AsUtc(utc)), zone);
        return local.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);
    }

    /// <summary>The hover title: the same instant in UTC.</summary>
    public static string Utc(DateTime utc) => AsUtc(utc).ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>ISO-8601 with offset (<c>2026-01-31T14:45:00.0000000+00:00</c>): the machine-readable form.</summary>
    public static string Iso(DateTime utc) => new DateTimeOffset(AsUtc(utc)).ToString("O", CultureInfo.InvariantCulture);

    /// <summary>The wall-clock form a <c>datetime-local</c> input and the dashboard's addresses use (UTC in addresses).</summary>
    public const string InputFormat = "yyyy-MM-ddTHH:mm";

    private static readonly string[] InputFormats = [InputFormat, InputFormat + ":ss"];

    /// <summary>
    /// A UTC wall-clock time (an address's filter) as the user's <paramref name="zone"/> shows it in an input; text that
    /// is not such a time is left as it is, for the filter to explain.
    /// </summary>
    public static string UtcToInput(string? utc, TimeZoneInfo zone)
        => TryWallClock(utc, out var time)
            ? TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(time, DateTimeKind.Utc), zone).ToString(InputFormat, CultureInfo.InvariantCulture)
            : utc ?? "";

    /// <summary>
    /// What the user typed in <paramref name="zone"/>, as the UTC wall-clock time filters and addresses carry. A time the
    /// clocks skip (the hour lost in spring) is read with the offset before the change, as clocks would have shown it.
    /// </summary>
    public static string InputToUtc(string? input, TimeZoneInfo zone)
    {
        if (!TryWallClock(input, out var time))
        {
            return input?.Trim() ?? "";
        }

        var local = DateTime.SpecifyKind(time, DateTimeKind.Unspecified);
        var utc = zone.IsInvalidTime(local)
            ? local - zone.GetUtcOffset(local.AddHours(-12))
            : TimeZoneInfo.ConvertTimeToUtc(local, zone);
        return utc.ToString(time.Second == 0 ? InputFormat : InputFormat + ":ss", CultureInfo.InvariantCulture);
    }

    /// <summary>A filter's or an address's UTC wall-clock time (<see cref="InputFormat"/>, seconds optional, or a bare date).</summary>
    public static bool TryParseUtc(string? text, out DateTime utc)
    {
        var parsed = DateTime.TryParseExact(text?.Trim(), [.. InputFormats, "yyyy-MM-dd"], CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out utc);
        utc = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        return parsed;
    }

    private static bool TryWallClock(string? text, out DateTime time)
        => DateTime.TryParseExact(text?.Trim(), InputFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    private static DateTime AsUtc(DateTime t) => DateTime.SpecifyKind(t, DateTimeKind.Utc);
}
