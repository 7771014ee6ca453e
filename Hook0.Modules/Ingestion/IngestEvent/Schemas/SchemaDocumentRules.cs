using System.Text.Json;
using Json.Schema;

namespace Hook0.Modules.Ingestion.IngestEvent.Schemas;

/// <summary>
/// What a payload schema may contain beyond being valid JSON Schema: bounded in size, depth and
/// pattern count; references only inside the document (never fetched, never another registry entry),
/// and only the dialects <see cref="BoundedDialects"/> knows. Checked at save and again when a stored
/// schema is compiled for ingest.
/// </summary>
internal static class SchemaDocumentRules
{
    public const int MaxBytes = 64 * 1024;
    public const int MaxDepth = 32;
    public const int MaxPatterns = 100;

    /// <summary>Keywords whose value is data, not schemas: their keys are never keywords.</summary>
    private static readonly HashSet<string> DataKeywords = ["enum", "const", "default", "examples"];

    /// <summary>Keywords whose value maps names to schemas: their keys are property names, not keywords.</summary>
    private static readonly HashSet<string> NameMaps = ["properties", "patternProperties", "$defs", "definitions", "dependentSchemas", "dependencies"];

    /// <summary>Refuses (JsonSchemaException, as the library does) a document outside the rules.</summary>
    public static void Check(JsonElement root)
    {
        var patterns = 0;
        Walk(root, keysAreNames: false, ref patterns);
        if (patterns > MaxPatterns)
        {
            throw new JsonSchemaException($"the schema has {patterns} regular expressions (pattern and patternProperties); at most {MaxPatterns} are allowed");
        }
    }

    /// <summary>Refuses a schema with a <c>$ref</c> that the library could not resolve inside the document.</summary>
    public static void CheckResolved(JsonSchema schema)
    {
        if (schema.BoolValue is not null)
        {
            return;
        }

        var seen = new HashSet<JsonSchemaNode>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<JsonSchemaNode>([schema.Root]);
        while (pending.TryPop(out var node))
        {
            if (!seen.Add(node))
            {
                continue;
            }

            foreach (var keyword in node.Keywords)
            {
                // $recursiveRef resolves during evaluation (its target depends on the dynamic scope).
                if (keyword.Handler is Json.Schema.Keywords.RefKeyword and not Json.Schema.Keywords.Draft201909.RecursiveRefKeyword
                    && keyword.Subschemas.Length == 0)
                {
                    throw new JsonSchemaException($"'{keyword.Handler.Name}' {keyword.RawValue.GetRawText()} does not resolve to a schema inside this document");
                }

                foreach (var subschema in keyword.Subschemas)
                {
                    pending.Push(subschema);
                }
            }
        }
    }

    private static void Walk(JsonElement element, bool keysAreNames, ref int patterns)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                Walk(item, keysAreNames: false, ref patterns);
            }

            return;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (keysAreNames)
            {
                Walk(property.Value, keysAreNames: false, ref patterns);
                continue;
            }

            CheckKeyword(property, ref patterns);
            if (!DataKeywords.Contains(property.Name))
            {
                Walk(property.Value, NameMaps.Contains(property.Name), ref patterns);
            }
        }
    }

    private static void CheckKeyword(JsonProperty keyword, ref int patterns)
    {
        var value = keyword.Value;
        switch (keyword.Name)
        {
            case "$schema" when value.ValueKind == JsonValueKind.String
                                && !(Uri.TryCreate(value.GetString(), UriKind.Absolute, out var dialect) && BoundedDialects.Known.Contains(dialect)):
                throw new JsonSchemaException($"'$schema' {value.GetRawText()} is not a dialect this server evaluates (draft-06, draft-07, 2019-09, 2020-12 or v1)");
            case "$vocabulary":
                throw new JsonSchemaException("'$vocabulary' (a custom meta-schema) is not supported in payload schemas");
            case "$ref" or "$dynamicRef" or "$recursiveRef" when value.ValueKind == JsonValueKind.String && !value.GetString()!.StartsWith('#'):
                throw new JsonSchemaException(
                    $"'{keyword.Name}' {value.GetRawText()} must point inside this schema (a fragment such as \"#/$defs/name\"): references are never fetched or looked up elsewhere");
            case "pattern" when value.ValueKind == JsonValueKind.String:
                patterns++;
                break;
            case "patternProperties" when value.ValueKind == JsonValueKind.Object:
                patterns += value.EnumerateObject().Count();
                break;
        }
    }
}
