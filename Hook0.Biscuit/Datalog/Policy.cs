using System.Collections.Immutable;

namespace Hook0.Biscuit.Datalog;

/// <summary>Whether a matching policy grants or refuses access.</summary>
public enum PolicyKind
{
    Allow,
    Deny,
}

/// <summary>An authorizer policy: <c>allow if</c> / <c>deny if</c> followed by alternatives joined by <c>or</c>.</summary>
public sealed class Policy(PolicyKind kind, ImmutableArray<Rule> queries)
{
    public PolicyKind Kind { get; } = kind;

    public ImmutableArray<Rule> Queries { get; } = queries;

    public override string ToString() => Printer.DatalogPrinter.Print(this);
}
