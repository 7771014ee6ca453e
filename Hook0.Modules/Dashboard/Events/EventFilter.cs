using Hook0.Modules.Dashboard.Common;
using Hook0.Modules.Ingestion.Contracts;
using Hook0.Modules.Kernel.Auth;

namespace Hook0.Modules.Dashboard.Events;

/// <summary>
/// The events page's filters as the user types them, turned into the list query (and into the
/// replay-by-filter command), or into a message saying what to fix. Times are UTC: the page's <see cref="Common.ZonedTimeField"/> converts what the user types in their zone.
/// </summary>
public sealed class EventFilter
{
    public const int PageSize = 50;

    public const string TimeFormat = "yyyy-MM-ddTHH:mm";

    public string? EventType { get; set; }

    /// <summary><c>key=value</c>.</summary>
    public string Label { get; set; } = "";

    /// <summary>As an <c>&lt;input type="datetime-local"&gt;</c> gives it (<see cref="TimeFormat"/>, seconds optional).</summary>
    public string From { get; set; } = "";

    public string To { get; set; } = "";

    /// <summary>An event id.</summary>
    public string Search { get; set; } = "";

    /// <summary>A JSON object the payload contains (the API's <c>payload_contains</c>).</summary>
    public string PayloadContains { get; set; } = "";

    /// <summary>Dot-separated keys (the API's <c>payload_path</c>); with <see cref="PayloadValue"/>, empty meaning the empty string.</summary>
    public string PayloadPath { get; set; } = "";

    public string PayloadValue { get; set; } = "";

    public bool IsEmpty => string.IsNullOrEmpty(EventType) && Label.Trim().Length == 0 && From.Length == 0 && To.Length == 0 && Search.Trim().Length == 0
        && PayloadContains.Trim().Length == 0 && PayloadPath.Trim().Length == 0 && PayloadValue.Trim().Length == 0;

    /// <summary>The parsed filters, or the first problem (field name and message).</summary>
    public Parsed Parse()
    {
        string? key = null, value = null;
        var label = Label.Trim();
        if (label.Length > 0)
        {
            var equals = label.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                return Parsed.Fail("label", "Write the label as key=value, e.g. tenant=acme.");
            }

            (key, value) = (label[..equals].Trim(), label[(equals + 1)..].Trim());
        }

        if (!TryTime(From, out var from))
        {
            return Parsed.Fail("from", "Not a date and time (UTC), e.g. 2026-01-31T13:45.");
        }

        if (!TryTime(To, out var to))
        {
            return Parsed.Fail("to", "Not a date and time (UTC), e.g. 2026-01-31T13:45.");
        }

        if (from is not null && to is not null && to <= from)
        {
            return Parsed.Fail("to", "Must be after 'from'.");
        }

        Guid? eventId = null;
        if (Search.Trim() is { Length: > 0 } search)
        {
            if (!Guid.TryParse(search, out var id))
            {
                return Parsed.Fail("search", "Paste a whole event id (a UUID).");
            }

            eventId = id;
        }

        // The API's own checks and messages (the same function answers its 400s), shown on the field they concern.
        var contains = PayloadContains.Trim();
        var path = PayloadPath.Trim();
        var payloadValue = PayloadValue.Trim();
        foreach (var (name, text) in new[] { (PayloadSearch.ContainsParameter, contains), (PayloadSearch.PathParameter, path), (PayloadSearch.ValueParameter, payloadValue) })
        {
            if (text.Length > UrlState.MaxValueLength)
            {
                return Parsed.Fail(name, $"At most {UrlState.MaxValueLength} characters here, so that the filter fits in the page's address.");
            }
        }

        _ = PayloadSearch.Check(NullIfEmpty(contains), NullIfEmpty(path), path.Length > 0 ? payloadValue : NullIfEmpty(payloadValue), out var payloadError);
        if (payloadError is not null)
        {
            return Parsed.Fail(payloadError.Parameter, payloadError.Message);
        }

        return new Parsed(null, null, string.IsNullOrEmpty(EventType) ? null : EventType, key, value, from, to, eventId,
            NullIfEmpty(contains), NullIfEmpty(path), path.Length > 0 ? payloadValue : null);
    }

    public sealed record Parsed(string? Field, string? Error, string? EventType, string? LabelKey, string? LabelValue, DateTime? From, DateTime? To, Guid? EventId,
        string? PayloadContains = null, string? PayloadPath = null, string? PayloadValue = null)
    {
        public static Parsed Fail(string field, string error) => new(field, error, null, null, null, null, null, null);

        /// <summary>Replay by filter cannot select by payload: the page does not offer it while a payload filter applies.</summary>
        public bool HasPayloadFilter => PayloadContains is not null || PayloadPath is not null;

        public ListEventsQuery ToQuery(Caller caller, Guid applicationId, string? cursor)
            => new(caller, applicationId, EventType, LabelKey, LabelValue, From, To, cursor, PageSize, EventId, PayloadContains, PayloadPath, PayloadValue);

        /// <summary>Replay covers the same events as the list (no range: everything received until now).</summary>
        public ReplayEventsCommand ToReplay(Caller caller, Guid applicationId, DateTime now, bool dryRun)
            => new(caller, applicationId, From ?? DateTime.UnixEpoch, To ?? now, EventType,
                LabelKey is null ? null : new Dictionary<string, string> { [LabelKey] = LabelValue ?? "" }, null, dryRun);
    }

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    private static bool TryTime(string text, out DateTime? time)
    {
        time = null;
        if (text.Trim().Length == 0)
        {
            return true;
        }

        if (TimeText.TryParseUtc(text, out var parsed))
        {
            time = parsed;
            return true;
        }

        return false;
    }
}
