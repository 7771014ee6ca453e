using System.Globalization;
using System.Net.Http.Headers;

namespace Hook0.Modules.Delivery.Sending.Retrying;

/// <summary>Reads a <c>Retry-After</c> response header: delta-seconds or an HTTP-date (RFC 9110 §10.2.3).</summary>
internal static class RetryAfterParser
{
    /// <returns>The wait the receiver asked for, capped; null when the header is absent or unreadable.</returns>
    public static TimeSpan? Parse(string? value, DateTimeOffset now, TimeSpan cap)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = value.Trim();
        if (text.All(char.IsAsciiDigit))
        {
            // Any run of digits is a valid delta; one too long for a number is simply beyond the cap.
            return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                && seconds < cap.TotalSeconds
                    ? TimeSpan.FromSeconds(seconds)
                    : cap;
        }

        if (!RetryConditionHeaderValue.TryParse(text, out var parsed) || parsed.Date is not { } date)
        {
            return null;
        }

        var wait = date - now;
        if (wait < TimeSpan.Zero)
        {
            // A date already past asks for no extra wait.
            return TimeSpan.Zero;
        }

        return wait > cap ? cap : wait;
    }
}
