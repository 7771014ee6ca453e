using System.Collections.Immutable;

namespace Hook0.Biscuit.Datalog;

/// <summary>A rule <c>head &lt;- body, expressions trusting scopes</c>; checks and policies are made of rules with head <c>query()</c>.</summary>
public sealed class Rule
{
    public Rule(Predicate head, ImmutableArray<Predicate> body, ImmutableArray<Expression> expressions, ImmutableArray<Scope> scopes)
    {
        Head = head;
        Body = body;
        Expressions = expressions;
        Scopes = scopes;
    }

    public Predicate Head { get; }

    public ImmutableArray<Predicate> Body { get; }

    public ImmutableArray<Expression> Expressions { get; }

    /// <summary>Rule-level <c>trusting</c> annotation; when non-empty it replaces the block's.</summary>
    public ImmutableArray<Scope> Scopes { get; }

    /// <summary>Head variables not bound by any body predicate (a rule with any is invalid).</summary>
    public IEnumerable<string> UnboundHeadVariables()
    {
        var bound = Body.SelectMany(p => p.Terms).SelectMany(Variables).ToHashSet();
        return Head.Terms.SelectMany(Variables).Where(v => !bound.Contains(v)).Distinct();
    }

    public override string ToString() => Printer.DatalogPrinter.Print(this);

    internal static IEnumerable<string> Variables(Term term) => term switch
    {
        Variable v => [v.Name],
        SetTerm s => s.Elements.SelectMany(Variables),
        ArrayTerm a => a.Elements.SelectMany(Variables),
        MapTerm m => m.Entries.SelectMany(e => Variables(e.Value)),
        _ => [],
    };
}
