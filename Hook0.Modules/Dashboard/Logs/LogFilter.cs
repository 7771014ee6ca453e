using System.Globalization;
using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Kernel.Auth;

namespace Hook0.Modules.Dashboard.Logs;

/// <summary>
/// What the delivery-log and dead-letter filter bars hold, and the requests they become. Times are typed
/// as UTC <c>yyyy-MM-ddTHH:mm</c> (what a datetime-local input gives); <see cref="Problem"/> says what is wrong.
/// </summary>
public sealed record LogFilter(Guid? SubscriptionId = null, string? EventType = null, string? Status = null, string? From = null, string? To = null)
{
    public static LogFilter None { get; } = new();

    public bool IsEmpty => this == None || (SubscriptionId is null && string.IsNullOrWhiteSpace(EventType) && string.IsNullOrWhiteSpace(Status)
                                            && string.IsNullOrWhiteSpace(From) && string.IsNullOrWhiteSpace(To));

    /// <summary>Null when the filter can be sent; otherwise a sentence for the user.</summary>
    public string? Problem
    {
        get
        {
            if (!TryParse(From, out var from))
            {
                return $"'{From}' is not a date and time (expected e.g. 2026-01-31T14:05).";
            }

            if (!TryParse(To, out var to))
            {
                return $"'{To}' is not a date and time (expected e.g. 2026-01-31T14:05).";
            }

            if (from is not null && to is not null && from > to)
            {
                return "The start of the time range is after its end.";
            }

            if (!string.IsNullOrWhiteSpace(Status) && !AttemptStatuses.All.Contains(Status))
            {
                return $"Unknown status '{Status}'.";
            }

            return null;
        }
    }

    /// <summary>The filter and the paging position as query values (UrlState), in the names the pages read them by.</summary>
    public (string Name, string? Value)[] ToAddress(KeysetPager pager)
        => [("subscription_id", SubscriptionId?.ToString()), ("event_type", EventType), ("status", Status), ("from", From), ("to", To),
            ("cursor", pager.Current), ("above", pager.AboveText)];

    public DateTime? FromUtc => TryParse(From, out var t) ? t : null;

    public DateTime? ToUtc => TryParse(To, out var t) ? t : null;

    private IReadOnlyList<string> EventTypes => string.IsNullOrWhiteSpace(EventType) ? [] : [EventType.Trim()];

    public ListRequestAttemptsQuery ToAttemptsQuery(Caller caller, Guid applicationId, string? cursor)
        => new(caller, applicationId, null, SubscriptionId, FromUtc, ToUtc, EventTypes, cursor,
            string.IsNullOrWhiteSpace(Status) ? null : [Status]);

    public ListDeadLettersQuery ToDeadLettersQuery(Caller caller, Guid applicationId, string? cursor)
        => new(caller, applicationId, SubscriptionId, cursor, EventTypes, FromUtc, ToUtc);

    /// <summary>The bulk retry of exactly what the dead-letter list shows with this filter.</summary>
    public RetryDeadLettersCommand ToRetryCommand(Caller caller, Guid applicationId, bool dryRun)
        => new(caller, applicationId, null, SubscriptionId, FromUtc, ToUtc, dryRun, EventTypes);

    private static bool TryParse(string? text, out DateTime? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        string[] formats = ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd"];
        if (DateTime.TryParseExact(text.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
        {
            value = DateTime.SpecifyKind(parsed, DateTimeKind.Utc);
            return true;
        }

        return false;
    }
}
