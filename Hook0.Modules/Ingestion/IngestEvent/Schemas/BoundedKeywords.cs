using System.Text.Json;
using Json.Schema;
using Json.Schema.Keywords;

namespace Hook0.Modules.Ingestion.IngestEvent.Schemas;

// JsonSchema.Net's keywords, each counting one step of the evaluation budget before doing its work.
// Only the keywords that can fan out (apply subschemas, follow references or match a pattern) are
// replaced: between two of their steps the library does at most one pass over the value at hand.
// They subclass the library's own types, so its `is RefKeyword` checks and keyword ordering still hold.

internal sealed class BoundedAllOf : AllOfKeyword
{
    public override KeywordEvaluation Evaluate(KeywordData keyword, EvaluationContext context)
    {
        using var step = EvaluationBudget.Enter(context);
        return base.Evaluate(keyword, context);
    }
}

internal sealed class BoundedAnyOf : AnyOfKeyword
{
    public override KeywordEvaluation Evaluate(KeywordData keyword, EvaluationContext context)
    {
        using var step = EvaluationBudget.Enter(context);
        return base.Evaluate(keyword, context);
    }
}

internal sealed class BoundedOneOf : OneOfKeyword
{
    public override KeywordEvaluation Evaluate(KeywordData keyword, EvaluationContext context)
    {
        using var step = EvaluationBudget.Enter(context);
        return base.Evaluate(keyword, context);
    }
}

internal sealed class BoundedNot : NotKeyword
{
    public override KeywordEvaluation Evaluate(KeywordData keyword, EvaluationContext context)
    {
        using var step = EvaluationBudget.Enter(context);
        return base.Evaluate(keyword, context);
    }
}

internal sealed class BoundedIf : IfKeyword
{
    public override KeywordEvaluation Evaluate(KeywordData keyword, EvaluationContext context)
    {
        using var step = EvaluationBudget.Enter(context);
        return base.Evaluate(keyword, context);
    }
}

internal sealed class BoundedThen : ThenKeyword
{
    public override KeywordEvaluation Evaluate(KeywordData keyword, EvaluationContext context)
    {
        using var step = EvaluationBudget.Enter(context);
        return base.Evaluate(keyword, context);
    }
}

internal sealed class BoundedElse : ElseKeyword
{
    public override KeywordEvaluation Evaluate(KeywordData keyword, EvaluationContext context)
    {
        using var step = EvaluationBudget.Enter(context);
        return base.Evaluate(keyword, context);
    }
}

internal sealed class BoundedProperties : PropertiesKeyword
{
    public override KeywordEvaluation Evaluate(KeywordData keyword, EvaluationContext context)
    {
        using var step = EvaluationBudget.Enter(context);
        return base.Evaluate(keyword, context);
    }
}

internal sealed class BoundedAdditionalProperties : AdditionalPropertiesKeyword
{
    /// <summary>
    /// The library also compiles every <c>patternProperties</c> key here (with RegexOptions.Compiled)
    /// and never uses them: it reads which names matched from that keyword's annotation. Hiding the
    /// sibling keeps tenant patterns out of an unbounded, IL-emitting regex.
    /// </summary>
    public override void BuildSubschemas(KeywordData keyword, BuildContext context)
    {
        if (context.LocalSchema.TryGetProperty("patternProperties", out _))
        {
            context.LocalSchema = Without(context.LocalSchema, "patternProperties");
        }

        base.BuildSubschemas(keyword, context);
    }

    public override KeywordEvaluation Evaluate(KeywordData keyword, EvaluationContext context)
    {
        using var step = EvaluationBudget.Enter(context);
        return base.Evaluate(keyword, context);
    }

    private static JsonElement Without(JsonElement schema, string name)
    {
        var copy = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in schema.EnumerateObject().Where(p => p.Name != name))
        {
            copy[property.Name] = property.Value;
        }

        return JsonSerializer.SerializeToElement(copy);
    }
}

internal sealed class BoundedPropertyNames : PropertyNamesKeyword
{
    public override KeywordEvaluation Evaluate(KeywordData keyword, EvaluationContext context)
    {
        using var step = EvaluationBudget.Enter(context);
        return base.Evaluate(keyword, context);
    }
}

internal sealed class BoundedDependentSchemas : DependentSchemasKeyword
{
    public override KeywordEvaluation Evaluate(KeywordData keyword, EvaluationContext context)
    {
        using var step = EvaluationBudget.Enter(context);
        return base.Evaluate(keyword, context);
    }
}

internal sealed class BoundedItems : ItemsKeyword
{
    public override KeywordEvaluation Evaluate(KeywordData keyword, EvaluationContext context)
    {
        using var step = EvaluationBudget.Enter(context);
        return base.Evaluate(keyword, context);
    }
}

internal sealed class BoundedPrefixItems : PrefixItemsKeyword
{
    public override KeywordEvaluation Evaluate(KeywordData keyword, EvaluationContext context)
    {
        using var step = EvaluationBudget.Enter(context);
        return base.Evaluate(keyword, context);
    }
}

internal sealed class BoundedContains : ContainsKeyword
{
    public override KeywordEvaluation Evaluate(KeywordData keyword, EvaluationContext context)
    {
        using var step = EvaluationBudget.Enter(context);
        return base.Evaluate(keyword, context);
    }
}

internal sealed class BoundedRef : RefKeyword
{
    public override KeywordEvaluation Evaluate(KeywordData keyword, EvaluationContext context)
    {
        using var step = EvaluationBudget.Enter(context);
        return base.Evaluate(keyword, context);
    }
}

internal sealed class BoundedDynamicRef : Json.Schema.Keywords.DynamicRefKeyword
{
    public override KeywordEvaluation Evaluate(KeywordData keyword, EvaluationContext context)
    {
        using var step = EvaluationBudget.Enter(context);
        return base.Evaluate(keyword, context);
    }
}

internal sealed class BoundedDynamicRef202012 : Json.Schema.Keywords.Draft202012.DynamicRefKeyword
{
    public override KeywordEvaluation Evaluate(KeywordData keyword, EvaluationContext context)
    {
        using var step = EvaluationBudget.Enter(context);
        return base.Evaluate(keyword, context);
    }
}

internal sealed class BoundedRecursiveRef : Json.Schema.Keywords.Draft201909.RecursiveRefKeyword
{
    public override KeywordEvaluation Evaluate(KeywordData keyword, EvaluationContext context)
    {
        using var step = EvaluationBudget.Enter(context);
        return base.Evaluate(keyword, context);
    }
}

internal sealed class BoundedItemsDraft06 : Json.Schema.Keywords.Draft06.ItemsKeyword
{
    public override KeywordEvaluation Evaluate(KeywordData keyword, EvaluationContext context)
    {
        using var step = EvaluationBudget.Enter(context);
        return base.Evaluate(keyword, context);
    }
}

internal sealed class BoundedAdditionalItems : Json.Schema.Keywords.Draft06.AdditionalItemsKeyword
{
    public override KeywordEvaluation Evaluate(KeywordData keyword, EvaluationContext context)
    {
        using var step = EvaluationBudget.Enter(context);
        return base.Evaluate(keyword, context);
    }
}

internal sealed class BoundedContainsDraft06 : Json.Schema.Keywords.Draft06.ContainsKeyword
{
    public override KeywordEvaluation Evaluate(KeywordData keyword, EvaluationContext context)
    {
        using var step = EvaluationBudget.Enter(context);
        return base.Evaluate(keyword, context);
    }
}

internal sealed class BoundedDependencies : Json.Schema.Keywords.Draft06.DependenciesKeyword
{
    public override KeywordEvaluation Evaluate(KeywordData keyword, EvaluationContext context)
    {
        using var step = EvaluationBudget.Enter(context);
        return base.Evaluate(keyword, context);
    }
}
