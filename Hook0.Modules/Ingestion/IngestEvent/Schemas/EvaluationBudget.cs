using System.Diagnostics;
using System.Runtime.CompilerServices;
using Json.Schema;

namespace Hook0.Modules.Ingestion.IngestEvent.Schemas;

/// <summary>
/// The time and nesting budget of the evaluation running on this thread. JsonSchema.Net evaluates
/// synchronously with no hook of its own, so the bounded keywords call <see cref="Enter"/> at every
/// step that can fan out (applicators, references, regular expressions): a step past the deadline, or
/// nested deeper than the stack allows (a schema whose references loop without consuming the payload),
/// stops the evaluation with a <see cref="SchemaLimitException"/> naming the payload location.
/// </summary>
internal static class EvaluationBudget
{
    /// <summary>Applicator and reference steps nested in one another; payloads are at most 256 levels deep.</summary>
    public const int MaxNesting = 1_000;

    [ThreadStatic] private static long _deadline;
    [ThreadStatic] private static int _limitMs;
    [ThreadStatic] private static int _nesting;

    /// <summary>Starts a budget of <paramref name="limit"/> for the evaluation about to run on this thread.</summary>
    public static Scope Start(TimeSpan limit)
    {
        _limitMs = Math.Max(1, (int)limit.TotalMilliseconds);
        _deadline = Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency);
        _nesting = 0;
        return default;
    }

    /// <summary>Milliseconds left, at least 1 (a regular expression needs a positive timeout).</summary>
    public static int RemainingMs(in EvaluationContext context)
    {
        var left = (_deadline - Stopwatch.GetTimestamp()) * 1000 / Stopwatch.Frequency;
        if (_deadline != 0 && left <= 0)
        {
            throw TimeLimit(context);
        }

        return _deadline == 0 ? int.MaxValue : (int)Math.Max(1, left);
    }

    /// <summary>One step deeper; dispose the returned step when it returns.</summary>
    public static Step Enter(in EvaluationContext context)
    {
        _ = RemainingMs(context);
        if (++_nesting > MaxNesting || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            _nesting--;
            throw new SchemaLimitException(Location(context),
                "the event type's schema nests deeper than it can be evaluated here (a reference that loops without descending into the payload?)", timedOut: false);
        }

        return default;
    }

    public static SchemaLimitException TimeLimit(in EvaluationContext context)
        => new(Location(context), $"checking this value against the event type's schema took longer than the limit of {_limitMs} ms (PAYLOAD_SCHEMA_TIME_LIMIT_MS)", timedOut: true);

    private static string Location(in EvaluationContext context)
        => context.InstanceLocation.ToString() is { Length: > 0 } path ? path : "/";

    public readonly struct Step : IDisposable
    {
        public void Dispose() => _nesting--;
    }

    public readonly struct Scope : IDisposable
    {
        public void Dispose()
        {
            _deadline = 0;
            _nesting = 0;
        }
    }
}
