using System.Text.Json;
using Json.More;
using Json.Schema;

namespace Hook0.Modules.Ingestion.IngestEvent.Schemas;

/// <summary>
/// <c>enum</c> as a set built once per schema, with a short message. The library scans the list for
/// every value and writes the whole list into each failure: a 63 KB enum under <c>items</c> against
/// 100,000 array elements took 100 s and allocated 12.8 GB, between two budget checks.
/// </summary>
internal sealed class BoundedEnum : IKeywordHandler
{
    public string Name => "enum";

    public object? ValidateKeywordValue(JsonElement value)
        => value.ValueKind == JsonValueKind.Array
            ? new HashSet<JsonElement>(value.EnumerateArray().Select(v => v.Clone()), JsonElementEqualityComparer.Instance)
            : throw new JsonSchemaException($"'{Name}' value must be an array, found {value.ValueKind}");

    public void BuildSubschemas(KeywordData keyword, BuildContext context)
    {
    }

    public KeywordEvaluation Evaluate(KeywordData keyword, EvaluationContext context)
    {
        using var step = EvaluationBudget.Enter(context);
        var allowed = (HashSet<JsonElement>)keyword.Value!;
        return allowed.Contains(context.Instance)
            ? new KeywordEvaluation { Keyword = Name, IsValid = true }
            : new KeywordEvaluation { Keyword = Name, IsValid = false, Error = $"Value should match one of the {allowed.Count} values specified by the enum" };
    }
}

/// <summary><c>const</c> with a budget step and a message that does not copy the (up to 64 KiB) value into every failure.</summary>
internal sealed class BoundedConst : IKeywordHandler
{
    public string Name => "const";

    public object? ValidateKeywordValue(JsonElement value) => value.Clone();

    public void BuildSubschemas(KeywordData keyword, BuildContext context)
    {
    }

    public KeywordEvaluation Evaluate(KeywordData keyword, EvaluationContext context)
    {
        using var step = EvaluationBudget.Enter(context);
        return JsonElementEqualityComparer.Instance.Equals((JsonElement)keyword.Value!, context.Instance)
            ? new KeywordEvaluation { Keyword = Name, IsValid = true }
            : new KeywordEvaluation { Keyword = Name, IsValid = false, Error = "Value should match the const value of the schema" };
    }
}

/// <summary>
/// <c>uniqueItems</c> hashing the items as the library does, checking the budget at every item:
/// one array of deeply nested items cost 300 ms in the library's single step.
/// </summary>
internal sealed class BoundedUniqueItems : IKeywordHandler
{
    public string Name => "uniqueItems";

    public object? ValidateKeywordValue(JsonElement value)
        => value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? null
            : throw new JsonSchemaException($"'{Name}' value must be a boolean, found {value.ValueKind}");

    public void BuildSubschemas(KeywordData keyword, BuildContext context)
    {
    }

    public KeywordEvaluation Evaluate(KeywordData keyword, EvaluationContext context)
    {
        if (context.Instance.ValueKind != JsonValueKind.Array || keyword.RawValue.ValueKind == JsonValueKind.False)
        {
            return KeywordEvaluation.Ignore;
        }

        using var step = EvaluationBudget.Enter(context);
        var seen = new Dictionary<JsonElement, int>(Equivalence.Instance);
        List<string>? duplicates = null;
        var index = 0;
        foreach (var item in context.Instance.EnumerateArray())
        {
            // Items whose hashes collide cost a comparison with each earlier one: check at every item.
            _ = EvaluationBudget.RemainingMs(context);
            if (seen.TryGetValue(item, out var first))
            {
                (duplicates ??= []).Add($"({first}, {index})");
            }
            else
            {
                seen[item] = index;
            }

            index++;
        }

        return duplicates is null
            ? new KeywordEvaluation { Keyword = Name, IsValid = true }
            : new KeywordEvaluation { Keyword = Name, IsValid = false, Error = $"Found duplicates at the following index pairs: {string.Join(", ", duplicates.Take(20))}" };
    }

    /// <summary>JSON equality (numbers by value), hashing numbers by value and everything else in full, as the library does.</summary>
    private sealed class Equivalence : IEqualityComparer<JsonElement>
    {
        public static readonly Equivalence Instance = new();

        public bool Equals(JsonElement x, JsonElement y) => x.IsEquivalentTo(y);

        public int GetHashCode(JsonElement obj)
            => obj.ValueKind != JsonValueKind.Number ? obj.GetEquivalenceHashCode(-1)
                : obj.TryGetDecimal(out var exact) ? exact.GetHashCode()
                : obj.GetDouble().GetHashCode();
    }
}

/// <summary>
/// <c>required</c> with a budget step and a message naming at most ten of the missing properties: the
/// library lists them all in every failing object (a schema may require thousands).
/// </summary>
internal sealed class BoundedRequired : Json.Schema.Keywords.RequiredKeyword
{
    public override KeywordEvaluation Evaluate(KeywordData keyword, EvaluationContext context)
    {
        if (context.Instance.ValueKind != JsonValueKind.Object)
        {
            return KeywordEvaluation.Ignore;
        }

        using var step = EvaluationBudget.Enter(context);
        var missing = ((string[])keyword.Value!).Where(name => !context.Instance.TryGetProperty(name, out _)).ToList();
        return missing.Count == 0
            ? new KeywordEvaluation { Keyword = Name, IsValid = true }
            : new KeywordEvaluation { Keyword = Name, IsValid = false, Error = MissingProperties.Describe(missing) };
    }
}

/// <summary><c>dependentRequired</c> with a budget step and the same bounded message as <see cref="BoundedRequired"/>.</summary>
internal sealed class BoundedDependentRequired : Json.Schema.Keywords.DependentRequiredKeyword
{
    public override KeywordEvaluation Evaluate(KeywordData keyword, EvaluationContext context)
    {
        if (context.Instance.ValueKind != JsonValueKind.Object)
        {
            return KeywordEvaluation.Ignore;
        }

        using var step = EvaluationBudget.Enter(context);
        var instance = context.Instance;
        var missing = ((Dictionary<string, string[]>)keyword.Value!)
            .Where(rule => instance.TryGetProperty(rule.Key, out _))
            .SelectMany(rule => rule.Value)
            .Where(name => !instance.TryGetProperty(name, out _))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return missing.Count == 0
            ? new KeywordEvaluation { Keyword = Name, IsValid = true }
            : new KeywordEvaluation { Keyword = Name, IsValid = false, Error = MissingProperties.Describe(missing) };
    }
}

internal static class MissingProperties
{
    public static string Describe(List<string> missing)
        => missing.Count <= 10
            ? $"Required properties [{string.Join(", ", missing.Select(n => $"\"{n}\""))}] are not present"
            : $"Required properties [{string.Join(", ", missing.Take(10).Select(n => $"\"{n}\""))}, …] ({missing.Count} in all) are not present";
}
