using System.Text.Json;
using Json.Schema;
using Json.Schema.Keywords;

namespace Hook0.Modules.Ingestion.IngestEvent.Schemas;

/// <summary><c>pattern</c> on <see cref="BoundedRegex"/>: same result and message shape as the library's.</summary>
internal sealed class BoundedPattern : PatternKeyword
{
    public override object? ValidateKeywordValue(JsonElement value)
        => value.ValueKind == JsonValueKind.String
            ? new BoundedRegex(value.GetString()!)
            : throw new JsonSchemaException($"'{Name}' value must be a string, found {value.ValueKind}");

    public override KeywordEvaluation Evaluate(KeywordData keyword, EvaluationContext context)
    {
        if (context.Instance.ValueKind != JsonValueKind.String)
        {
            return KeywordEvaluation.Ignore;
        }

        using var step = EvaluationBudget.Enter(context);
        var regex = (BoundedRegex)keyword.Value!;
        var valid = regex.IsMatch(context.Instance.GetString()!, context);
        return new KeywordEvaluation
        {
            Keyword = Name,
            IsValid = valid,
            Error = valid ? null : $"The string value does not match the required regular expression pattern: {regex.Pattern}",
        };
    }
}

/// <summary><c>patternProperties</c> on <see cref="BoundedRegex"/>, annotating the matched names as the library does.</summary>
internal sealed class BoundedPatternProperties : PatternPropertiesKeyword
{
    public override object? ValidateKeywordValue(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new JsonSchemaException($"'{Name}' value must be an object, found {value.ValueKind}");
        }

        // In the value's order, which is also the order of the subschemas the library builds from it.
        return value.EnumerateObject()
            .Select(p => p.Value.ValueKind is JsonValueKind.Object or JsonValueKind.True or JsonValueKind.False
                ? new BoundedRegex(p.Name)
                : throw new JsonSchemaException("Values must be valid schemas"))
            .ToArray();
    }

    public override KeywordEvaluation Evaluate(KeywordData keyword, EvaluationContext context)
    {
        if (context.Instance.ValueKind != JsonValueKind.Object)
        {
            return KeywordEvaluation.Ignore;
        }

        using var step = EvaluationBudget.Enter(context);
        var regexes = (BoundedRegex[])keyword.Value!;
        var properties = context.Instance.EnumerateObject().ToArray();
        var results = new List<EvaluationResults>();
        var matched = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < regexes.Length; i++)
        {
            var path = context.EvaluationPath.Combine(Name, regexes[i].Pattern);
            foreach (var property in properties)
            {
                if (!regexes[i].IsMatch(property.Name, context))
                {
                    continue;
                }

                matched.Add(property.Name);
                var result = keyword.Subschemas[i].Evaluate(context with
                {
                    InstanceLocation = context.InstanceLocation.Combine(property.Name),
                    Instance = property.Value,
                    EvaluationPath = path,
                });
                results.Add(result);
                if (context.CanOptimize && !result.IsValid)
                {
                    return new KeywordEvaluation { Keyword = Name, IsValid = false };
                }
            }
        }

        return new KeywordEvaluation
        {
            Keyword = Name,
            IsValid = results.TrueForAll(r => r.IsValid),
            Details = [.. results],
            Annotation = JsonSerializer.SerializeToElement(matched.ToArray()),
        };
    }
}
