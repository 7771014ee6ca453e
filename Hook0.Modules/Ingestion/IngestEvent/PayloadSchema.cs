using System.Text.Json;
using Hook0.Modules.Ingestion.Contracts;
using Hook0.Modules.Ingestion.IngestEvent.Schemas;
using Json.Schema;

namespace Hook0.Modules.Ingestion.IngestEvent;

/// <summary>
/// An event type's compiled schema (cached with the type, so its patterns are built once), or why the
/// stored text cannot be used. Checking a payload never throws: whatever the schema, the answer is a verdict.
/// </summary>
internal sealed class PayloadSchema(JsonSchema? schema, string? unusable, TimeSpan timeLimit)
{
    public const string Violation = "payload-schema";
    public const string LimitReached = "payload-schema-limit";
    public const string Unusable = "payload-schema-unusable";

    /// <summary>As deep as <see cref="PayloadDecoder"/> accepts payloads.</summary>
    private static readonly JsonDocumentOptions PayloadJson = new() { MaxDepth = PayloadDecoder.MaxDepth };

    public SchemaVerdict Check(byte[] jsonPayload)
    {
        if (schema is null)
        {
            return new SchemaVerdict(Unusable, [new PayloadError("/", $"the event type's stored schema cannot be used ({unusable}); save the event type again with a valid schema")]);
        }

        using var document = JsonDocument.Parse(jsonPayload, PayloadJson);
        EvaluationResults results;
        try
        {
            using (EvaluationBudget.Start(timeLimit))
            {
                results = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            }
        }
        catch (SchemaLimitException e)
        {
            return new SchemaVerdict(LimitReached, [new PayloadError(e.Path, e.Message)], e.TimedOut);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Whatever a stored schema makes the library throw is the schema's fault, never a 500.
            return new SchemaVerdict(Unusable, [new PayloadError("/", $"the event type's schema cannot be evaluated: {e.Message}")]);
        }

        if (results.IsValid)
        {
            return new SchemaVerdict(Violation, []);
        }

        var failures = (results.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => new PayloadError(d.InstanceLocation.ToString() is { Length: > 0 } l ? l : "/", e.Value)))
            .Distinct()
            .Take(20)
            .ToList();
        return new SchemaVerdict(Violation, failures.Count == 0 ? [new PayloadError("/", "does not conform to the event type's schema")] : failures);
    }
}

/// <param name="Code">The validation code a refusal carries.</param>
/// <param name="Errors">Empty when the payload conforms.</param>
/// <param name="TimedOut">Whether the time budget (rather than the nesting bound) stopped the evaluation.</param>
internal sealed record SchemaVerdict(string Code, IReadOnlyList<PayloadError> Errors, bool TimedOut = false);
