namespace Hook0.Modules.Dashboard.Overview;

/// <summary>
/// Colours that mean what they draw: a chart's default palette gives series colours by position, which drew failures in
/// green. Success is green, failure red, client errors amber, redirects blue, no answer grey, in every chart and chip.
/// </summary>
public static class ChartColors
{
    public const string Success = "#2e7d32";
    public const string Failure = "#c62828";
    public const string ClientError = "#b45309"; // dark amber: white text on its chip reads at 5:1 (WCAG AA)
    public const string Redirect = "#1565c0";
    public const string NoResponse = "#616161";

    /// <summary>The deliveries chart's two series, in their order: succeeded, failed.</summary>
    public static readonly string[] Deliveries = [Success, Failure];

    /// <summary>Every error class is a failure.</summary>
    public static readonly string[] Errors = [Failure];

    /// <summary>An HTTP status class's colour (<c>2xx</c> … <c>5xx</c>, <c>no response</c>).</summary>
    public static string ForStatusClass(string name) => name switch
    {
        "2xx" => Success,
        "3xx" => Redirect,
        "4xx" => ClientError,
        "5xx" => Failure,
        _ => NoResponse,
    };
}
