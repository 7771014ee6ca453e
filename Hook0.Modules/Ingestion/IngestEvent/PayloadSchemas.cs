using System.Text.Json;
using Hook0.Modules.Ingestion.Contracts;
using Hook0.Modules.Kernel.Validation;
using Json.Schema;

namespace Hook0.Modules.Ingestion.IngestEvent;

/// <summary>JSON Schema (draft 2020-12 by default) for event payloads, through JsonSchema.Net.</summary>
internal static class PayloadSchemas
{
    /// <summary>Each schema gets its own registry: one tenant's <c>$id</c> can never shadow another's.</summary>
    public static JsonSchema Compile(string schemaJson)
        => JsonSchema.FromText(schemaJson, new BuildOptions { SchemaRegistry = new SchemaRegistry() });

    /// <summary>Checked when an event type is saved, so a broken schema is refused then, not at ingest.</summary>
    public static void EnsureValid(string schemaJson)
    {
        try
        {
            Compile(schemaJson);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            // The library signals an unusable schema with various exception types; all mean the same here.
            throw ValidationProblem.ForField("schema", "schema", $"is not a valid JSON Schema: {e.Message}");
        }
    }

    /// <summary>Refuses a payload that violates the schema, naming each failing location (422, nothing stored).</summary>
    public static void EnsureConforms(JsonSchema schema, byte[] jsonPayload)
    {
        var failures = Failures(schema, jsonPayload);
        if (failures.Count == 0)
        {
            return;
        }

        throw ValidationProblem.ForField("payload", "payload-schema", string.Join("; ", failures.Select(f => $"{f.Path}: {f.Message}")));
    }

    /// <summary>Each failing location (a JSON Pointer, "/" for the root) with its message; empty when the payload conforms.</summary>
    public static IReadOnlyList<PayloadError> Failures(JsonSchema schema, byte[] jsonPayload)
    {
        using var document = JsonDocument.Parse(jsonPayload);
        var results = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid)
        {
            return [];
        }

        var failures = (results.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => new PayloadError(d.InstanceLocation.ToString() is { Length: > 0 } l ? l : "/", e.Value)))
            .Distinct()
            .Take(20)
            .ToList();
        return failures.Count == 0 ? [new PayloadError("/", "does not conform to the event type's schema")] : failures;
    }
}
