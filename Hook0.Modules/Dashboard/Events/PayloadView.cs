using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Hook0.Modules.Ingestion.Contracts;

namespace Hook0.Modules.Dashboard.Events;

/// <summary>How a stored payload is shown: JSON indented, text as it is, anything else as a hex dump.</summary>
public sealed record PayloadView(string Kind, string Text, string? Note = null)
{
    /// <summary>A hex dump beyond this would be megabytes of markup; the rest stays one download away.</summary>
    public const int MaxDumpBytes = 16 * 1024;

    /// <param name="contentType">The event's payload content type.</param>
    /// <param name="base64">The payload as the API answers it: standard base64 of the stored bytes.</param>
    public static PayloadView Of(string contentType, string base64)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            return new PayloadView("text", base64, "The payload could not be decoded; shown as stored.");
        }

        return contentType switch
        {
            PayloadContentTypes.Json => Json(bytes),
            PayloadContentTypes.Text => Utf8(bytes) is { } text ? new PayloadView("text", text) : HexDump(bytes),
            _ => HexDump(bytes),
        };
    }

    public static PayloadView Json(byte[] bytes)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes);
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                // WriteTo keeps numbers as written (no rounding through double).
                document.RootElement.WriteTo(writer);
            }

            return new PayloadView("json", Encoding.UTF8.GetString(buffer.ToArray()));
        }
        catch (JsonException)
        {
            return Utf8(bytes) is { } text ? new PayloadView("text", text, "Not valid JSON; shown as text.") : HexDump(bytes);
        }
    }

    /// <summary>Offset, 16 bytes in hex (two groups of 8), then the printable ASCII, as <c>hexdump -C</c> does.</summary>
    public static PayloadView HexDump(byte[] bytes)
    {
        var shown = Math.Min(bytes.Length, MaxDumpBytes);
        var dump = new StringBuilder();
        for (var offset = 0; offset < shown; offset += 16)
        {
            var count = Math.Min(16, shown - offset);
            dump.Append(offset.ToString("x8", CultureInfo.InvariantCulture)).Append("  ");
            for (var i = 0; i < 16; i++)
            {
                dump.Append(i < count ? bytes[offset + i].ToString("x2", CultureInfo.InvariantCulture) + " " : "   ");
                if (i == 7)
                {
                    dump.Append(' ');
                }
            }

            dump.Append(" |");
            for (var i = 0; i < count; i++)
            {
                var b = bytes[offset + i];
                dump.Append(b is >= 0x20 and < 0x7f ? (char)b : '.');
            }

            dump.Append("|\n");
        }

        var note = shown < bytes.Length
            ? $"Showing the first {shown:N0} of {bytes.Length:N0} bytes."
            : $"{bytes.Length:N0} bytes.";
        return new PayloadView("binary", dump.ToString().TrimEnd('\n'), note);
    }

    private static string? Utf8(byte[] bytes)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
