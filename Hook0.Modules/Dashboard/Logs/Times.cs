using System.Globalization;

namespace Hook0.Modules.Dashboard.Logs;

/// <summary>Instants and durations as the log pages print them: UTC, to the second (the server stores UTC).</summary>
public static class Times
{
    public static string Utc(DateTime? at)
        => at is { } t ? DateTime.SpecifyKind(t, DateTimeKind.Utc).ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) : "—";

    public static string Duration(long milliseconds) => milliseconds switch
    {
        < 1_000 => $"{milliseconds} ms",
        < 60_000 => (milliseconds / 1000.0).ToString("0.#", CultureInfo.InvariantCulture) + " s",
        < 3_600_000 => $"{milliseconds / 60_000} min {milliseconds / 1000 % 60} s",
        _ => $"{milliseconds / 3_600_000} h {milliseconds / 60_000 % 60} min",
    };
}
