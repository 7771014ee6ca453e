using Hook0.Modules.Delivery.Contracts;
using MudBlazor;

namespace Hook0.Modules.Dashboard.Logs;

/// <summary>How an attempt's computed status looks: a word, a colour and an icon, plus a line saying since when.</summary>
public sealed record AttemptBadge(string Status, string Label, Color Color, string Icon, string Detail)
{
    public static AttemptBadge Of(AttemptStatusDto status) => status.Type switch
    {
        AttemptStatuses.Pending => new(status.Type, "Pending", Color.Default, Icons.Material.Filled.Schedule, $"Queued since {Times.Utc(status.Since)}"),
        AttemptStatuses.Waiting => new(status.Type, "Waiting", Color.Info, Icons.Material.Filled.HourglassTop, $"Retry due at {Times.Utc(status.Until)}"),
        AttemptStatuses.InProgress => new(status.Type, "In progress", Color.Primary, Icons.Material.Filled.Sync, $"Sent at {Times.Utc(status.Since)}"),
        AttemptStatuses.Successful => new(status.Type, "Successful", Color.Success, Icons.Material.Filled.CheckCircle, Took(status)),
        AttemptStatuses.Failed => new(status.Type, "Failed", Color.Error, Icons.Material.Filled.Error, Took(status)),
        // A status this dashboard does not know yet still shows, as its own name.
        _ => new(status.Type, status.Type, Color.Default, Icons.Material.Filled.HelpOutline, ""),
    };

    private static string Took(AttemptStatusDto status)
        => status.FullProcessingMs is { } ms ? $"{Times.Utc(status.At)}, {Times.Duration(ms)} after it was due" : Times.Utc(status.At);
}
