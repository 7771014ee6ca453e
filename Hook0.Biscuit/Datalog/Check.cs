using System.Collections.Immutable;

namespace Hook0.Biscuit.Datalog;

/// <summary>How a check's queries are judged.</summary>
public enum CheckKind
{
    /// <summary><c>check if</c>: passes when some query has a match.</summary>
    One,
    /// <summary><c>check all</c>: passes when some query matches and every match satisfies its expressions.</summary>
    All,
    /// <summary><c>reject if</c>: fails when some query has a match.</summary>
    Reject,
}

/// <summary>A check: alternatives joined by <c>or</c>.</summary>
public sealed class Check(CheckKind kind, ImmutableArray<Rule> queries)
{
    public CheckKind Kind { get; } = kind;

    public ImmutableArray<Rule> Queries { get; } = queries;

    public override string ToString() => Printer.DatalogPrinter.Print(this);
}
