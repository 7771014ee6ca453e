using System.Globalization;
using Hook0.Receiver.Cryptography;

namespace Hook0.Receiver.Hook0Scheme;

/// <summary>The parts of an <c>X-Hook0-Signature</c> value: <c>t=…[,v0=…][,h=…,v1=…]</c>.</summary>
internal sealed class Hook0SignatureHeader
{
    // Far above what the server writes (a timestamp, two 64-digit codes, the covered header names).
    private const int MaxLength = 8 * 1024;

    private Hook0SignatureHeader(string timestampText, long timestamp, string[] headerNames, byte[]? v0, byte[]? v1)
    {
        TimestampText = timestampText;
        Timestamp = timestamp;
        HeaderNames = headerNames;
        V0 = v0;
        V1 = v1;
    }

    /// <summary>The moment exactly as sent: it is hashed as text, so it is never re-rendered from the number.</summary>
    public string TimestampText { get; }

    public long Timestamp { get; }

    public string[] HeaderNames { get; }

    public byte[]? V0 { get; }

    public byte[]? V1 { get; }

    public static WebhookFailure TryParse(string value, out Hook0SignatureHeader? parsed)
    {
        parsed = null;
        if (value.Length > MaxLength)
        {
            return WebhookFailure.Malformed;
        }

        string? t = null, h = null, v0 = null, v1 = null;
        foreach (var part in value.Split(','))
        {
            var equals = part.IndexOf('=');
            if (equals < 0)
            {
                return WebhookFailure.Malformed;
            }

            var text = part.Substring(equals + 1).Trim();
            switch (part.Substring(0, equals).Trim())
            {
                case "t": t = text; break;
                case "h": h = text; break;
                case "v0": v0 = text; break;
                case "v1": v1 = text; break;
                default: break;
            }
        }

        if (t is null || !long.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var timestamp))
        {
            return WebhookFailure.TimestampInvalid;
        }

        if (v0 is null && v1 is null)
        {
            return WebhookFailure.Malformed;
        }

        var v0Bytes = v0 is null ? null : Hex.TryDecode(v0);
        var v1Bytes = v1 is null ? null : Hex.TryDecode(v1);
        if ((v0 is not null && v0Bytes is null) || (v1 is not null && v1Bytes is null))
        {
            return WebhookFailure.CodeNotDecodable;
        }

        parsed = new Hook0SignatureHeader(t, timestamp, string.IsNullOrEmpty(h) ? [] : h!.ToLowerInvariant().Split(' '), v0Bytes, v1Bytes);
        return WebhookFailure.None;
    }
}
