using System.Collections.Immutable;
using Hook0.Biscuit.Datalog;
using Hook0.Biscuit.Engine;
using Hook0.Biscuit.Errors;
using Hook0.Biscuit.Format;

namespace Hook0.Biscuit.Authorization;

/// <summary>
/// A token's blocks loaded next to the authorizer's own facts, rules, checks and policies.
/// Create it with <see cref="AuthorizerBuilder"/>; call <see cref="Authorize"/>, then optionally
/// <see cref="Query(string, IReadOnlyDictionary{string, Term}?)"/> to read facts (e.g. <c>user_id($u)</c>) out of the verified token.
/// Not thread-safe: use one authorizer per request.
/// </summary>
public sealed class Authorizer
{
    private readonly IReadOnlyList<TokenBlock> _blocks;
    private readonly AuthorizerContent _content;
    private readonly RunLimits _limits;
    private readonly IReadOnlyDictionary<string, ExternFunction> _externs;
    private readonly TrustResolver _trust;
    private readonly FactSet _facts = new();
    private readonly List<(Rule Rule, ulong BlockId, Origin Trusted)> _rules = [];
    private bool _saturated;

    internal Authorizer(IReadOnlyList<TokenBlock> blocks, AuthorizerContent content, RunLimits limits, IReadOnlyDictionary<string, ExternFunction> externs, bool warmUp = true)
    {
        if (warmUp)
        {
            WarmUp.EnsureDone();
        }

        _blocks = blocks;
        _content = content;
        _limits = limits;
        _externs = externs;
        _trust = new TrustResolver([.. blocks.Select(b => b.ExternalKey)]);

        for (var i = 0; i < blocks.Count; i++)
        {
            var block = blocks[i].Block;
            var origin = Origin.Block((ulong)i);
            foreach (var fact in block.Facts)
            {
                _facts.Add(origin, fact);
            }

            foreach (var rule in block.Rules)
            {
                if (rule.UnboundHeadVariables().Any())
                {
                    // The reference reports block 0 whichever block holds the rule.
                    throw new InvalidBlockRuleException(0, rule.ToString());
                }

                _rules.Add((rule, (ulong)i, _trust.Resolve((ulong)i, rule.Scopes, block.Scopes)));
            }
        }

        foreach (var fact in content.Block.Facts)
        {
            _facts.Add(Origin.Authorizer, fact);
        }

        foreach (var rule in content.Block.Rules)
        {
            _rules.Add((rule, Origin.AuthorizerId, _trust.Resolve(Origin.AuthorizerId, rule.Scopes, content.Block.Scopes)));
        }
    }

    /// <summary>Number of fixpoint rounds that produced new facts.</summary>
    public int Iterations { get; private set; }

    /// <summary>Wall-clock time the last <see cref="Authorize"/> call took.</summary>
    public TimeSpan ExecutionTime { get; private set; }

    /// <summary>
    /// Restores an authorizer from <see cref="ToSnapshot"/> output: blocks, authorizer statements,
    /// limits and known facts. Signatures are not part of a snapshot, so only restore trusted snapshots.
    /// </summary>
    public static Authorizer FromSnapshot(ReadOnlySpan<byte> snapshot, IReadOnlyDictionary<string, ExternFunction>? externs = null)
    {
        var state = SnapshotCodec.DecodeSnapshot(snapshot);
        var authorizer = new Authorizer(state.Blocks, state.Content, state.Limits, externs ?? new Dictionary<string, ExternFunction>())
        {
            Iterations = state.Iterations,
            ExecutionTime = state.ExecutionTime,
        };
        foreach (var (origin, fact) in state.Facts)
        {
            authorizer._facts.Add(origin, fact);
        }

        return authorizer;
    }

    /// <summary>Serializes the authorizer's state (an <c>AuthorizerSnapshot</c>), e.g. to inspect a denied request elsewhere.</summary>
    public byte[] ToSnapshot() =>
        SnapshotCodec.EncodeSnapshot(new AuthorizerState(_blocks, _content, _limits, ExecutionTime, Iterations, [.. _facts.All]));

    /// <summary>
    /// Runs the rules to fixpoint, then checks and policies in the specification's order.
    /// Throws <see cref="ExecutionException"/> on expression errors and <see cref="RunLimitException"/> on limits.
    /// </summary>
    public AuthorizationResult Authorize()
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var budget = new RunBudget(_limits);
        Saturate(budget);
        var rules = Evaluator(budget);
        var failed = new List<FailedCheck>();

        var authorizerBlock = _content.Block;
        for (var i = 0; i < authorizerBlock.Checks.Length; i++)
        {
            if (!CheckPasses(rules, authorizerBlock.Checks[i], Origin.AuthorizerId, authorizerBlock.Scopes))
            {
                failed.Add(new FailedCheck(null, i, authorizerBlock.Checks[i].ToString()));
            }
        }

        if (_blocks.Count > 0)
        {
            CheckBlock(rules, 0, failed);
        }

        (int Index, Policy Policy)? matched = null;
        for (var i = 0; i < _content.Policies.Count && matched is null; i++)
        {
            var policy = _content.Policies[i];
            if (policy.Queries.Any(q => AnyMatch(rules, q, Origin.AuthorizerId, authorizerBlock.Scopes)))
            {
                matched = (i, policy);
            }
        }

        for (var blockId = 1; blockId < _blocks.Count; blockId++)
        {
            CheckBlock(rules, blockId, failed);
        }

        budget.CheckTime();
        ExecutionTime = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        return new AuthorizationResult(matched?.Index, matched?.Policy.Kind, matched?.Policy.ToString(), failed);
    }

    /// <summary>
    /// Facts produced by a rule such as <c>data($u) &lt;- user_id($u)</c>, seeing what the authorizer
    /// sees (authority block and authorizer facts) unless the rule has its own <c>trusting</c> annotation.
    /// </summary>
    public IReadOnlyList<Fact> Query(string rule, IReadOnlyDictionary<string, Term>? parameters = null) =>
        Query(Parser.DatalogParser.ParseRule(rule, parameters));

    /// <inheritdoc cref="Query(string, IReadOnlyDictionary{string, Term}?)"/>
    public IReadOnlyList<Fact> Query(Rule rule) => RunQuery(rule, _trust.Resolve(Origin.AuthorizerId, rule.Scopes, _content.Block.Scopes));

    /// <summary>Like <see cref="Query(string, IReadOnlyDictionary{string, Term}?)"/> but sees the facts of every block.</summary>
    public IReadOnlyList<Fact> QueryAll(string rule, IReadOnlyDictionary<string, Term>? parameters = null)
    {
        var parsed = Parser.DatalogParser.ParseRule(rule, parameters);
        var everything = Origin.Of(Enumerable.Range(0, _blocks.Count).Select(i => (ulong)i).Append(Origin.AuthorizerId));
        return RunQuery(parsed, everything);
    }

    /// <summary>A sorted, printable snapshot of facts, rules, checks and policies (runs the rules first).</summary>
    public AuthorizerWorld World()
    {
        Saturate(new RunBudget(_limits));
        static long? Id(ulong id) => id == Origin.AuthorizerId ? null : (long)id;

        var facts = _facts.All
            .GroupBy(f => f.Origin)
            .Select(g => new OriginFacts(
                [.. g.Key.Ids.Select(Id).OrderBy(i => i ?? -1)],
                [.. g.Select(f => f.Fact.ToString()).Order(StringComparer.Ordinal)]))
            .OrderBy(g => g.Origin, Comparer<IReadOnlyList<long?>>.Create(CompareOrigins))
            .ToList();

        var rules = _rules
            .GroupBy(r => r.BlockId)
            .OrderBy(g => g.Key)
            .Select(g => new BlockStatements(Id(g.Key), [.. g.Select(r => r.Rule.ToString()).Order(StringComparer.Ordinal)]))
            .ToList();

        var checks = _blocks
            .Select((b, i) => (Id: (ulong)i, b.Block.Checks))
            .Append((Id: Origin.AuthorizerId, _content.Block.Checks))
            .Where(c => !c.Checks.IsEmpty)
            .Select(c => new BlockStatements(Id(c.Id), [.. c.Checks.Select(k => k.ToString()).Order(StringComparer.Ordinal)]))
            .ToList();

        return new AuthorizerWorld(facts, rules, checks, [.. _content.Policies.Select(p => p.ToString())]);
    }

    /// <summary>Lexicographic order of origin lists, the authorizer (null) first, as the reference sorts its dumps.</summary>
    private static int CompareOrigins(IReadOnlyList<long?> left, IReadOnlyList<long?> right)
    {
        for (var i = 0; i < Math.Min(left.Count, right.Count); i++)
        {
            var byId = (left[i] ?? -1).CompareTo(right[i] ?? -1);
            if (byId != 0)
            {
                return byId;
            }
        }

        return left.Count.CompareTo(right.Count);
    }

    private List<Fact> RunQuery(Rule rule, Origin trusted)
    {
        if (rule.UnboundHeadVariables().Any())
        {
            throw new BiscuitException(BiscuitErrorKind.Parse, $"query head uses unbound variables: {rule}");
        }

        var budget = new RunBudget(_limits);
        Saturate(budget);
        var results = new HashSet<Fact>();
        var ordered = new List<Fact>();
        Evaluator(budget).Derive(rule, Origin.AuthorizerId, trusted, (_, fact) =>
        {
            if (results.Add(fact))
            {
                ordered.Add(fact);
            }
        });
        return ordered;
    }

    private RuleEvaluator Evaluator(RunBudget budget) => new(_facts, new ExpressionEvaluator(_externs, budget), budget);

    private void Saturate(RunBudget budget)
    {
        if (_saturated)
        {
            return;
        }

        var evaluator = Evaluator(budget);
        while (true)
        {
            var produced = new HashSet<(Origin, Fact)>();
            foreach (var (rule, blockId, trusted) in _rules)
            {
                evaluator.Derive(rule, blockId, trusted, (origin, fact) =>
                {
                    if (!_facts.Contains(origin, fact) && produced.Add((origin, fact)))
                    {
                        budget.CheckFacts(_facts.Count + produced.Count);
                    }
                });
            }

            if (produced.Count == 0)
            {
                break;
            }

            foreach (var (origin, fact) in produced)
            {
                _facts.Add(origin, fact);
            }

            Iterations++;
            if (Iterations >= _limits.MaxIterations)
            {
                throw new RunLimitException(BiscuitErrorKind.TooManyIterations, $"authorization reached the limit of {_limits.MaxIterations} iterations");
            }

            budget.CheckFacts(_facts.Count);
            budget.CheckTime();
        }

        _saturated = true;
    }

    private void CheckBlock(RuleEvaluator rules, int blockId, List<FailedCheck> failed)
    {
        var block = _blocks[blockId].Block;
        for (var i = 0; i < block.Checks.Length; i++)
        {
            if (!CheckPasses(rules, block.Checks[i], (ulong)blockId, block.Scopes))
            {
                failed.Add(new FailedCheck(blockId, i, block.Checks[i].ToString()));
            }
        }
    }

    private bool CheckPasses(RuleEvaluator rules, Check check, ulong blockId, ImmutableArray<Scope> blockScopes) => check.Kind switch
    {
        CheckKind.One => check.Queries.Any(q => AnyMatch(rules, q, blockId, blockScopes)),
        CheckKind.Reject => !check.Queries.Any(q => AnyMatch(rules, q, blockId, blockScopes)),
        _ => check.Queries.Any(q => AllMatch(rules, q, blockId, blockScopes)),
    };

    private bool AnyMatch(RuleEvaluator rules, Rule query, ulong blockId, ImmutableArray<Scope> blockScopes)
    {
        var found = false;
        rules.ForEachMatch(query, _trust.Resolve(blockId, query.Scopes, blockScopes), (_, _) =>
        {
            found = true;
            return false;
        });
        return found;
    }

    /// <summary><c>check all</c>: at least one binding, and every binding satisfies the expressions.</summary>
    private bool AllMatch(RuleEvaluator rules, Rule query, ulong blockId, ImmutableArray<Scope> blockScopes)
    {
        var any = false;
        var all = true;
        rules.ForEachBinding(query, _trust.Resolve(blockId, query.Scopes, blockScopes), (bindings, _) =>
        {
            any = true;
            all = rules.SatisfiesExpressions(query, bindings);
            return all;
        });
        return any && all;
    }
}
