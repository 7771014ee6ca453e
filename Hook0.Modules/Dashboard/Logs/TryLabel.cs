namespace Hook0.Modules.Dashboard.Logs;

/// <summary>
/// How every page names a try: "first try", then "retry #1", "retry #2"… (the API's <c>retry_count</c>). One spelling,
/// so the logs, the dead letters, an event's attempts and the attempt page agree.
/// </summary>
public static class TryLabel
{
    public static string Of(int retryCount) => retryCount == 0 ? "first try" : $"retry #{retryCount}";

    /// <summary>The same, capitalized for a title.</summary>
    public static string Title(int retryCount) => retryCount == 0 ? "First try" : $"Retry #{retryCount}";
}
