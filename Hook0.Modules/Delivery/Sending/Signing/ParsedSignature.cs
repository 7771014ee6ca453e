using System.Buffers;
using System.Globalization;

namespace Hook0.Modules.Delivery.Sending.Signing;

/// <summary>The fields of a received signature header, with codes already decoded.</summary>
internal sealed class ParsedSignature
{
    private ParsedSignature(long timestamp, string timestampText, IReadOnlyList<string> headerNames, byte[]? v0, byte[]? v1)
    {
        Timestamp = timestamp;
        TimestampText = timestampText;
        HeaderNames = headerNames;
        V0 = v0;
        V1 = v1;
    }

    public long Timestamp { get; }

    /// <summary>The moment exactly as sent: it is hashed as text, so it is not re-rendered from the number.</summary>
    public string TimestampText { get; }

    public IReadOnlyList<string> HeaderNames { get; }

    public byte[]? V0 { get; }

    public byte[]? V1 { get; }

    /// <returns><see cref="SignatureVerdict.Accepted"/> when parsed, otherwise why it could not be.</returns>
    public static SignatureVerdict Read(string header, out ParsedSignature? parsed)
    {
        ArgumentNullException.ThrowIfNull(header);
        parsed = null;
        string? t = null, h = null, v0Text = null, v1Text = null;

        foreach (var part in header.Split(','))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                return SignatureVerdict.Malformed;
            }

            var value = part[(equals + 1)..].Trim();
            switch (part[..equals].Trim())
            {
                case "t": t = value; break;
                case "h": h = value; break;
                case "v0": v0Text = value; break;
                case "v1": v1Text = value; break;
                default: break;
            }
        }

        if (t is null || !long.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var timestamp))
        {
            return SignatureVerdict.TimestampInvalid;
        }

        if (v0Text is null && v1Text is null)
        {
            return SignatureVerdict.Malformed;
        }

        byte[]? v0 = null, v1 = null;
        if ((v0Text is not null && !TryDecodeHex(v0Text, out v0)) || (v1Text is not null && !TryDecodeHex(v1Text, out v1)))
        {
            return SignatureVerdict.CodeNotHexadecimal;
        }

        var names = string.IsNullOrEmpty(h) ? [] : h.ToLowerInvariant().Split(' ');
        parsed = new ParsedSignature(timestamp, t, names, v0, v1);
        return SignatureVerdict.Accepted;
    }

    // Whole-string decoding only: a decoder that stops early would compare a prefix of the code.
    private static bool TryDecodeHex(string text, out byte[]? bytes)
    {
        bytes = null;
        if (text.Length % 2 != 0)
        {
            return false;
        }

        var buffer = new byte[text.Length / 2];
        if (Convert.FromHexString(text, buffer, out _, out _) != OperationStatus.Done)
        {
            return false;
        }

        bytes = buffer;
        return true;
    }
}
