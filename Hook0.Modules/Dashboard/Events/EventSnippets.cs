using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hook0.Modules.Ingestion.Contracts;

namespace Hook0.Modules.Dashboard.Events;

/// <summary>
/// The composer's event as a <c>curl</c> command and as a <c>hook0-client</c> call. The token is always a
/// placeholder read from the environment: a snippet is made to be pasted, a secret never should be.
/// </summary>
public static class EventSnippets
{
    public const string TokenVariable = "HOOK0_TOKEN";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // Readable in a snippet: quotes and ampersands as they are (the page escapes its HTML itself).
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A POST of the ingest body; <c>apiUrl</c> is the API's base, ending in <c>/api/v1</c>.</summary>
    public static string Curl(string apiUrl, Guid applicationId, EventDraft draft, DateTimeOffset occurredAt)
    {
        var body = new JsonObject
        {
            ["application_id"] = applicationId.ToString(),
            ["event_type"] = draft.EventType,
            ["payload_content_type"] = draft.ContentType,
            ["payload"] = draft.Payload,
            ["occurred_at"] = occurredAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["labels"] = Labels(draft),
        };
        return $"""
            curl -X POST {ShellQuote(apiUrl.TrimEnd('/') + "/event")} \
              -H "Authorization: Bearer ${TokenVariable}" \
              -H 'Content-Type: application/json' \
              --data-raw {ShellQuote(body.ToJsonString(Indented))}
            """;
    }

    public static string Sdk(string apiUrl, Guid applicationId, EventDraft draft)
    {
        var payload = draft.ContentType == PayloadContentTypes.Json && CompactJson(draft.Payload) is { } json
            ? $"JSON.stringify({json})"
            : JsString(draft.Payload);
        return $$"""
            const { Hook0Client, Event } = require('hook0-client');

            const client = new Hook0Client({{JsString(apiUrl.TrimEnd('/') + "/")}}, {{JsString(applicationId.ToString())}}, process.env.{{TokenVariable}});
            client.sendEvent(new Event(
              {{JsString(draft.EventType)}},
              {{payload}},
              {{JsString(draft.ContentType)}},
              {{Labels(draft).ToJsonString(Compact)}},
            )).then((eventId) => console.log('sent', eventId));
            """;
    }

    /// <summary>Single quotes pass everything literally in a POSIX shell; a quote inside closes, escapes, reopens.</summary>
    public static string ShellQuote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>A JSON string is a valid JavaScript string literal.</summary>
    private static string JsString(string text) => JsonSerializer.Serialize(text, Indented);

    private static JsonObject Labels(EventDraft draft)
    {
        var labels = new JsonObject();
        foreach (var (key, value) in draft.LabelMap())
        {
            labels[key] = value;
        }

        return labels;
    }

    private static string? CompactJson(string text)
    {
        try
        {
            return JsonNode.Parse(text)?.ToJsonString(Compact);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
