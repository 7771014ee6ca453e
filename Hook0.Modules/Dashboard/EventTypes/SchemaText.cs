using System.Text.Json;

namespace Hook0.Modules.Dashboard.EventTypes;

/// <summary>
/// A payload schema as typed in the form and as shown back: parse errors say where, in words (the parser's own message
/// names .NET internals such as "BytePositionInLine"), and a saved schema is shown indented.
/// </summary>
public static class SchemaText
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The schema typed (undefined when the box is empty), or why it is not JSON.</summary>
    public static (JsonElement Schema, string? Error) Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (default, null);
        }

        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 64 });
            return (document.RootElement.Clone(), null);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1}, column {(e.BytePositionInLine ?? 0) + 1})" : "";
            return (default, $"is not valid JSON{where}: check the quotes, commas and brackets there");
        }
    }

    /// <summary>A saved schema, indented for reading and editing.</summary>
    public static string Show(JsonElement schema) => JsonSerializer.Serialize(schema, Indented);
}
