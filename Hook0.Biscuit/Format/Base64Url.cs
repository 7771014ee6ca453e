using Hook0.Biscuit.Errors;

namespace Hook0.Biscuit.Format;

/// <summary>URL-safe base64: padded on output (as the reference writes it), padding optional on input.</summary>
internal static class Base64Url
{
    public static string Encode(ReadOnlySpan<byte> bytes)
    {
        var text = System.Buffers.Text.Base64Url.EncodeToString(bytes);
        var padding = (4 - (text.Length % 4)) % 4;
        return padding == 0 ? text : text + new string('=', padding);
    }

    public static byte[] Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim().TrimEnd('=');
        try
        {
            return System.Buffers.Text.Base64Url.DecodeFromChars(trimmed);
        }
        catch (FormatException e)
        {
            throw new TokenFormatException(BiscuitErrorKind.InvalidBase64, "invalid URL-safe base64: " + e.Message, e);
        }
    }
}
