using System.Text.RegularExpressions;
using Json.Schema;

namespace Hook0.Modules.Ingestion.IngestEvent.Schemas;

/// <summary>
/// A schema's <c>pattern</c> (ECMAScript dialect, so backtracking: the non-backtracking engine does
/// not support it). Interpreted, never <c>RegexOptions.Compiled</c> (emitting IL per tenant pattern
/// would cost more than matching); each match runs under a timeout no longer than what is left of the
/// payload's budget, rounded down to a power of two so a pattern is built at most once per bucket.
/// </summary>
internal sealed class BoundedRegex
{
    private const RegexOptions Options = RegexOptions.ECMAScript;
    private const int Buckets = 16;

    private readonly Regex?[] _byTimeout = new Regex?[Buckets];

    public BoundedRegex(string pattern)
    {
        Pattern = pattern;
        try
        {
            _byTimeout[0] = new Regex(pattern, Options, TimeSpan.FromMilliseconds(1));
        }
        catch (ArgumentException e)
        {
            throw new JsonSchemaException($"the pattern '{pattern}' is not a valid ECMAScript regular expression: {e.Message}");
        }
    }

    public string Pattern { get; }

    /// <summary>Whether <paramref name="input"/> matches, or a time-limit failure at the context's location.</summary>
    public bool IsMatch(string input, in EvaluationContext context)
    {
        var bucket = Math.Min(Buckets - 1, 31 - int.LeadingZeroCount(EvaluationBudget.RemainingMs(context)));
        var regex = _byTimeout[bucket] ??= new Regex(Pattern, Options, TimeSpan.FromMilliseconds(1 << bucket));
        try
        {
            return regex.IsMatch(input);
        }
        catch (RegexMatchTimeoutException)
        {
            throw EvaluationBudget.TimeLimit(context);
        }
    }
}
