using System.Text;
using System.Text.Json;
using Hook0.Modules.Ingestion.IngestEvent.Schemas;
using Hook0.Modules.Kernel.Validation;
using Json.Schema;

namespace Hook0.Modules.Ingestion.IngestEvent;

/// <summary>
/// JSON Schema (v1 by default, or the draft its <c>$schema</c> names) for event payloads, through
/// JsonSchema.Net on bounded dialects (<see cref="BoundedDialects"/>): user patterns run under a
/// timeout, the whole evaluation under a time budget, references stay inside the document.
/// </summary>
internal static class PayloadSchemas
{
    /// <summary>
    /// The first evaluation in a process pays for compiling the library's evaluation code (tens of
    /// milliseconds, more on a loaded host): paid once, outside any payload's time budget.
    /// </summary>
    private static readonly Lazy<bool> WarmedUp = new(WarmUp);

    /// <summary>For ingest: never throws; a stored schema that cannot be built is refused at each event, clearly.</summary>
    public static PayloadSchema Compile(string schemaJson, TimeSpan timeLimit)
    {
        _ = WarmedUp.Value;
        try
        {
            return new PayloadSchema(Build(schemaJson), null, timeLimit);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new PayloadSchema(null, e.Message, timeLimit);
        }
    }

    /// <summary>Checked when an event type is saved, so a broken or looping schema is refused then, not at ingest.</summary>
    public static void EnsureValid(string schemaJson, TimeSpan timeLimit)
    {
        _ = WarmedUp.Value;
        JsonSchema schema;
        try
        {
            schema = Build(schemaJson);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            // The library signals an unusable schema with various exception types; all mean the same here.
            throw ValidationProblem.ForField("schema", "schema", $"is not a valid JSON Schema: {e.Message}");
        }

        // A reference loop that consumes nothing loops on any value: trying the trivial ones finds it now.
        // Only the nesting bound and evaluation errors refuse here: time depends on the host's load.
        var probe = new PayloadSchema(schema, null, timeLimit);
        foreach (var value in (string[])["null", "true", "0", "\"\"", "[]", "{}"])
        {
            if (probe.Check(Encoding.UTF8.GetBytes(value)) is { Code: not PayloadSchema.Violation, TimedOut: false } verdict)
            {
                throw ValidationProblem.ForField("schema", "schema", $"cannot be evaluated: {verdict.Errors[0].Message}");
            }
        }
    }

    /// <summary>Refuses a payload that violates the schema, naming each failing location (422, nothing stored).</summary>
    public static void EnsureConforms(PayloadSchema schema, byte[] jsonPayload)
    {
        var verdict = schema.Check(jsonPayload);
        if (verdict.Errors.Count > 0)
        {
            throw ValidationProblem.ForField("payload", verdict.Code, string.Join("; ", verdict.Errors.Select(f => $"{f.Path}: {f.Message}")));
        }
    }

    /// <summary>Each failing location (a JSON Pointer, "/" for the root) with its message; empty when the payload conforms.</summary>
    public static IReadOnlyList<Contracts.PayloadError> Failures(PayloadSchema schema, byte[] jsonPayload) => schema.Check(jsonPayload).Errors;

    private static bool WarmUp()
    {
        const string Schema = """
            {"type":"object","required":["a"],"additionalProperties":false,"$defs":{"n":{"type":["null","integer"],"minimum":0}},
             "properties":{"a":{"type":"string","pattern":"^a+$","minLength":1},"b":{"anyOf":[{"$ref":"#/$defs/n"},{"enum":["x"]}]},
                           "c":{"allOf":[{"not":{"const":1}}],"oneOf":[{"type":"array","uniqueItems":true,"items":{"type":"number"}},{"type":"boolean"}]},
                           "d":{"if":{"type":"object"},"then":{"propertyNames":{"maxLength":5}},"else":true}},
             "patternProperties":{"^x":{"type":"object","properties":{"y":{"$ref":"#"}}}}}
            """;
        var schema = new PayloadSchema(Build(Schema), null, TimeSpan.FromMinutes(1));
        foreach (var payload in (string[])["""{"a":"aa","b":1,"c":[1,2],"d":{"k":1},"xy":{"y":{"a":"a"}}}""", """{"a":"b","b":"y","c":{},"z":1}""", "[]"])
        {
            schema.Check(Encoding.UTF8.GetBytes(payload));
        }

        return true;
    }

    private static JsonSchema Build(string schemaJson)
    {
        var root = JsonSerializer.Deserialize<JsonElement>(schemaJson, SchemaJson);
        // Measured without whitespace: the stored text is PostgreSQL's jsonb rendering, which adds spaces.
        if (JsonSerializer.SerializeToUtf8Bytes(root).Length > SchemaDocumentRules.MaxBytes)
        {
            throw new JsonSchemaException($"the schema is larger than {SchemaDocumentRules.MaxBytes} bytes (without whitespace)");
        }

        SchemaDocumentRules.Check(root);
        var schema = JsonSchema.Build(root, BoundedDialects.NewBuildOptions());
        SchemaDocumentRules.CheckResolved(schema);
        return schema;
    }

    private static readonly JsonSerializerOptions SchemaJson = new() { MaxDepth = SchemaDocumentRules.MaxDepth };
}
