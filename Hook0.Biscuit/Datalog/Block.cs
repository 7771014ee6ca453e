using System.Collections.Immutable;

namespace Hook0.Biscuit.Datalog;

/// <summary>The datalog content of one token block (or of the authorizer's own code).</summary>
public sealed class Block
{
    public Block(
        ImmutableArray<Fact> facts,
        ImmutableArray<Rule> rules,
        ImmutableArray<Check> checks,
        ImmutableArray<Scope> scopes,
        string? context = null)
    {
        Facts = facts;
        Rules = rules;
        Checks = checks;
        Scopes = scopes;
        Context = context;
    }

    public ImmutableArray<Fact> Facts { get; }

    public ImmutableArray<Rule> Rules { get; }

    public ImmutableArray<Check> Checks { get; }

    /// <summary>Block-level <c>trusting</c> annotation.</summary>
    public ImmutableArray<Scope> Scopes { get; }

    /// <summary>Free text carried by the block; no semantics.</summary>
    public string? Context { get; }

    public static Block Empty { get; } = new([], [], [], []);

    /// <summary>Block source as the reference implementation prints it.</summary>
    public override string ToString() => Printer.DatalogPrinter.Print(this);
}
