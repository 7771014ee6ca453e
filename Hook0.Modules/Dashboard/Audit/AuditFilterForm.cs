using System.Globalization;
using Hook0.Modules.Kernel.Audit.ListAuditRecords;

namespace Hook0.Modules.Dashboard.Audit;

/// <summary>The audit page's filters as typed (the address keeps them under the API's parameter names), and their parsing.</summary>
public sealed class AuditFilterForm
{
    public string Actor { get; set; } = "";

    public string EntityType { get; set; } = "";

    public string EntityId { get; set; } = "";

    public string Action { get; set; } = "";

    public string Channel { get; set; } = "";

    public string From { get; set; } = "";

    public string To { get; set; } = "";

    public bool IsEmpty => new[] { Actor, EntityType, EntityId, Action, Channel, From, To }.All(string.IsNullOrWhiteSpace);

    /// <summary>The filter, or the field whose value is not understood (times are ISO 8601; without an offset, UTC).</summary>
    public (AuditFilter? Filter, string? Field, string? Error) Parse()
    {
        if (!TryTime(From, out var from))
        {
            return (null, "from", "must be a time such as 2026-12-07T10:00Z");
        }

        if (!TryTime(To, out var to))
        {
            return (null, "to", "must be a time such as 2026-12-07T18:00Z");
        }

        var filter = new AuditFilter(Blank(Actor), Blank(EntityType), Blank(EntityId), Blank(Action), Blank(Channel), from, to);
        return new[] { Actor, EntityType, EntityId, Action, Channel }.Any(v => v.Trim().Length > AuditFilter.MaxLength)
            ? (null, "actor", $"filters are at most {AuditFilter.MaxLength} characters")
            : (filter, null, null);
    }

    private static string? Blank(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static bool TryTime(string text, out DateTime? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (text.Length > 64 || !DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return false;
        }

        value = parsed.UtcDateTime;
        return true;
    }
}
