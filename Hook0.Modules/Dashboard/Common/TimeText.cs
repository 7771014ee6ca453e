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

    private static DateTime AsUtc(DateTime t) => DateTime.SpecifyKind(t, DateTimeKind.Utc);
}
