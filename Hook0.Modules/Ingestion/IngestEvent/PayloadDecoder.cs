using System.Text;
using System.Text.Json;
using Hook0.Modules.Ingestion.Contracts;
using Hook0.Modules.Kernel.Errors;

namespace Hook0.Modules.Ingestion.IngestEvent;

/// <summary>
/// Turns the wire's payload string into the bytes to store and deliver: text as UTF-8, JSON as its
/// original text (checked, never re-serialized), base64 decoded.
/// </summary>
internal static class PayloadDecoder
{
    /// <summary>Deepest accepted JSON payload (nesting of arrays and objects).</summary>
    public const int MaxDepth = 256;

    public static byte[] Decode(string contentType, string payload) => contentType switch
    {
        PayloadContentTypes.Text => Encoding.UTF8.GetBytes(payload),
        PayloadContentTypes.Json => ParsedJson(payload),
        PayloadContentTypes.Base64 => Base64(payload),
        _ => throw Problems.EventInvalidPayloadContentType.ToException(),
    };

    private static byte[] ParsedJson(string payload)
    {
        var bytes = Encoding.UTF8.GetBytes(payload);
        try
        {
            // Only checked, never kept: the reader validates the grammar and the depth without building a document.
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = MaxDepth });
            while (reader.Read())
            {
            }
        }
        catch (JsonException e)
        {
            throw Problems.EventInvalidJsonPayload.With($"The payload is not valid JSON: {e.Message}");
        }

        return bytes;
    }

    private static byte[] Base64(string payload)
    {
        try
        {
            return Convert.FromBase64String(payload);
        }
        catch (FormatException)
        {
            throw Problems.EventInvalidBase64Payload.ToException();
        }
    }
}
