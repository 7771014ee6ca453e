using Hook0.Biscuit.Datalog;

namespace Hook0.Biscuit.Format;

/// <summary>The lowest datalog version (3–6) able to express a block.</summary>
internal static class VersionDetector
{
    /// <summary>
    /// With <paramref name="strict"/> false this mirrors the reference reader, which does not count
    /// arrays, maps, <c>get</c> and <c>try_or</c> as v3.3 features (it writes such blocks as v3);
    /// writers pass true so those blocks are labelled 6.
    /// </summary>
    public static uint Detect(Block block, bool strict)
    {
        var needs6 = block.Checks.Any(c => c.Kind == CheckKind.Reject)
            || block.Facts.Any(f => f.Predicate.Terms.Any(t => NeedsV6(t, strict)))
            || AllRules(block).Any(r => RuleNeedsV6(r, strict));
        if (needs6)
        {
            return 6;
        }

        var needs4 = block.Scopes.Length > 0
            || block.Checks.Any(c => c.Kind == CheckKind.All)
            || AllRules(block).Any(r => r.Scopes.Length > 0 || r.Expressions.Any(e => e.Ops.Any(NeedsV4)));
        return needs4 ? 4u : 3u;
    }

    private static IEnumerable<Rule> AllRules(Block block) =>
        block.Rules.Concat(block.Checks.SelectMany(c => c.Queries));

    private static bool RuleNeedsV6(Rule rule, bool strict) =>
        rule.Head.Terms.Any(t => NeedsV6(t, strict))
        || rule.Body.Any(p => p.Terms.Any(t => NeedsV6(t, strict)))
        || rule.Expressions.Any(e => e.Ops.Any(op => OpNeedsV6(op, strict)));

    private static bool OpNeedsV6(Op op, bool strict) => op switch
    {
        ClosureOp => true,
        UnaryOp u => u.Operator is UnaryOperator.TypeOf or UnaryOperator.Ffi,
        BinaryOp b => b.Operator is BinaryOperator.HeterogeneousEqual or BinaryOperator.HeterogeneousNotEqual
            or BinaryOperator.LazyAnd or BinaryOperator.LazyOr or BinaryOperator.All or BinaryOperator.Any
            or BinaryOperator.Ffi
            || (strict && b.Operator is BinaryOperator.Get or BinaryOperator.TryOr),
        ValueOp v => NeedsV6(v.Value, strict),
        _ => false,
    };

    private static bool NeedsV6(Term term, bool strict) => term switch
    {
        NullTerm => true,
        SetTerm s => s.Elements.Any(e => NeedsV6(e, strict)),
        ArrayTerm or MapTerm => strict,
        _ => false,
    };

    private static bool NeedsV4(Op op) =>
        op is BinaryOp { Operator: BinaryOperator.BitwiseAnd or BinaryOperator.BitwiseOr or BinaryOperator.BitwiseXor or BinaryOperator.NotEqual };
}
