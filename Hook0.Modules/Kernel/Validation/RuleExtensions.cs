using System.Text.Json;
using FluentValidation;

namespace Hook0.Modules.Kernel.Validation;

/// <summary>Validators with upstream's codes and params, and snake_case field names in failures.</summary>
public static class RuleExtensions
{
    /// <summary>Field names in failures are the wire's snake_case names, not C# property names.</summary>
    public static void UseWireFieldNames()
        => ValidatorOptions.Global.PropertyNameResolver = (_, member, expression) =>
            member is null ? null : JsonNamingPolicy.SnakeCaseLower.ConvertName(member.Name);

    /// <summary>Upstream's <c>length</c> check, counted in characters, with <c>min</c>/<c>max</c> params.</summary>
    /// <summary>
    /// Length in characters as upstream's validator and PostgreSQL's <c>length()</c> count them: Unicode
    /// scalar values, not UTF-16 units. Counting units let a single emoji (two units, one character) pass
    /// a two-character minimum and then break the table's <c>length(name) > 1</c> check: a 500.
    /// </summary>
    public static IRuleBuilderOptions<T, string?> Chars<T>(this IRuleBuilder<T, string?> rule, int min, int max)
        => rule.Must(v => v is null || HasCharacters(v, min, max))
            .WithErrorCode("length")
            .WithMessage($"must be between {min} and {max} characters long")
            .WithState(_ => Params(min, max));

    /// <summary>Upstream's <c>non_control_character</c> check.</summary>
    public static IRuleBuilderOptions<T, string?> NoControlCharacters<T>(this IRuleBuilder<T, string?> rule)
        => rule.Must(v => v is null || !v.Any(char.IsControl))
            .WithErrorCode("non_control_character")
            .WithMessage("must not contain control characters");

    /// <summary>
    /// Whether <paramref name="value"/> has between <paramref name="min"/> and <paramref name="max"/> characters, counting
    /// them only when its UTF-16 length cannot tell: a string of L units has between ⌈L/2⌉ and L characters. An ingested
    /// 1 KiB payload far below its bound is then never walked rune by rune (it was, for every event: ADR 0017).
    /// </summary>
    public static bool HasCharacters(string value, int min, int max)
    {
        var fewest = (value.Length + 1) / 2;
        if (value.Length <= max && fewest >= min)
        {
            return true;
        }

        if (value.Length < min || fewest > max)
        {
            return false;
        }

        var count = CharacterCount(value);
        return count >= min && count <= max;
    }

    /// <summary>Unicode scalar values (a lone surrogate counts as one).</summary>
    public static int CharacterCount(string value)
    {
        var count = 0;
        foreach (var _ in value.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    public static IReadOnlyDictionary<string, object> Params(int min, int max)
        => new Dictionary<string, object> { ["min"] = min, ["max"] = max };
}
