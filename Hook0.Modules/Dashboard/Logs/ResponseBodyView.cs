using System.Text;
using System.Text.Json;

namespace Hook0.Modules.Dashboard.Logs;

/// <summary>
/// A stored response body as the page shows it. The API gives the body as UTF-8 text when it is valid
/// UTF-8 and as base64 otherwise, so a body is binary exactly when it is base64 whose bytes are not
/// UTF-8 (a text body that happens to be valid base64 decodes to text again, or is declared text).
/// A short undeclared body like <c>boom</c> is valid base64 of non-UTF-8 bytes too, so without a content
/// type saying otherwise, only a body of <see cref="UndeclaredBinaryMinimum"/> characters or more is taken for binary.
/// </summary>
public sealed record ResponseBodyView(string Kind, string Text, string? Base64 = null, int Bytes = 0)
{
    public const string Empty = "empty";
    public const string Json = "json";
    public const string PlainText = "text";
    public const string Binary = "binary";

    /// <summary>How many bytes of a binary body the hex dump shows.</summary>
    public const int HexLimit = 4096;

    public const int UndeclaredBinaryMinimum = 24;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static ResponseBodyView Of(string? body, IReadOnlyDictionary<string, string>? headers)
    {
        if (string.IsNullOrEmpty(body))
        {
            return new(Empty, "(no body)");
        }

        var contentType = headers?.FirstOrDefault(h => h.Key.Equals("content-type", StringComparison.OrdinalIgnoreCase)).Value ?? "";
        var mayBeBinary = contentType.Length > 0 ? !DeclaredText(contentType) : body.Length >= UndeclaredBinaryMinimum;
        if (mayBeBinary && BinaryBytes(body) is { } bytes)
        {
            return new(Binary, HexDump(bytes), body, bytes.Length);
        }

        if (PrettyJson(body) is { } pretty)
        {
            return new(Json, pretty, Bytes: Encoding.UTF8.GetByteCount(body));
        }

        return new(PlainText, body, Bytes: Encoding.UTF8.GetByteCount(body));
    }

    public static string HexDump(byte[] bytes)
    {
        var dump = new StringBuilder();
        var shown = Math.Min(bytes.Length, HexLimit);
        for (var offset = 0; offset < shown; offset += 16)
        {
            var line = bytes.AsSpan(offset, Math.Min(16, shown - offset));
            dump.Append(offset.ToString("x8", System.Globalization.CultureInfo.InvariantCulture)).Append("  ");
            for (var i = 0; i < 16; i++)
            {
                dump.Append(i < line.Length ? line[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture) + " " : "   ");
            }

            dump.Append(' ');
            foreach (var b in line)
            {
                dump.Append(b is >= 0x20 and < 0x7f ? (char)b : '.');
            }

            dump.Append('\n');
        }

        if (bytes.Length > shown)
        {
            dump.Append($"… {bytes.Length - shown} more bytes\n");
        }

        return dump.ToString().TrimEnd('\n');
    }

    private static bool DeclaredText(string contentType)
    {
        var media = contentType.Split(';')[0].Trim().ToLowerInvariant();
        return media.StartsWith("text/", StringComparison.Ordinal) || media.EndsWith("json", StringComparison.Ordinal)
               || media.EndsWith("xml", StringComparison.Ordinal) || media == "application/x-www-form-urlencoded";
    }

    private static byte[]? BinaryBytes(string body)
    {
        var buffer = new byte[body.Length];
        if (body.Length % 4 != 0 || !Convert.TryFromBase64String(body, buffer, out var written))
        {
            return null;
        }

        var bytes = buffer[..written];
        try
        {
            StrictUtf8.GetString(bytes);
            return null; // valid UTF-8: the server would have sent it as text, so this text is the body
        }
        catch (DecoderFallbackException)
        {
            return bytes;
        }
    }

    private static string? PrettyJson(string body)
    {
        var trimmed = body.TrimStart();
        if (trimmed.Length == 0 || (trimmed[0] != '{' && trimmed[0] != '['))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return JsonSerializer.Serialize(document.RootElement, Indented);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
