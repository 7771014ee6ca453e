using Hook0.Biscuit.Crypto;
using Hook0.Biscuit.Datalog;
using Hook0.Biscuit.Errors;
using Hook0.Biscuit.Parser;

namespace Hook0.Biscuit;

/// <summary>Collects the facts, rules and checks of a block (authority or attenuation) from code or objects.</summary>
public sealed class BlockBuilder
{
    private readonly List<Fact> _facts = [];
    private readonly List<Rule> _rules = [];
    private readonly List<Check> _checks = [];
    private readonly List<Scope> _scopes = [];
    private string? _context;

    /// <summary>Adds datalog source (facts, rules, checks; an optional leading <c>trusting …;</c>), with <c>{name}</c> parameters.</summary>
    public BlockBuilder AddCode(string code, IReadOnlyDictionary<string, Term>? parameters = null, IReadOnlyDictionary<string, PublicKey>? scopeParameters = null)
    {
        var parsed = DatalogParser.ParseBlock(code, parameters, scopeParameters);
        _scopes.AddRange(parsed.Scopes);
        _facts.AddRange(parsed.Facts);
        _rules.AddRange(parsed.Rules);
        _checks.AddRange(parsed.Checks);
        return this;
    }

    /// <summary>Adds a fact.</summary>
    public BlockBuilder AddFact(Fact fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        _facts.Add(fact);
        return this;
    }

    /// <summary>Adds a fact written as datalog, e.g. <c>user_id({id})</c>.</summary>
    public BlockBuilder AddFact(string fact, IReadOnlyDictionary<string, Term>? parameters = null) =>
        AddFact(DatalogParser.ParseFact(fact, parameters));

    /// <summary>Adds a rule; every head variable must be bound by a body predicate.</summary>
    public BlockBuilder AddRule(Rule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (rule.UnboundHeadVariables().Any())
        {
            throw new BiscuitException(BiscuitErrorKind.InvalidBlockRule, $"rule head variables must appear in the body: {rule}");
        }

        _rules.Add(rule);
        return this;
    }

    /// <summary>Adds a rule written as datalog, e.g. <c>right($r) &lt;- owner($u, $r)</c>.</summary>
    public BlockBuilder AddRule(string rule, IReadOnlyDictionary<string, Term>? parameters = null) =>
        AddRule(DatalogParser.ParseRule(rule, parameters));

    /// <summary>Adds a check.</summary>
    public BlockBuilder AddCheck(Check check)
    {
        ArgumentNullException.ThrowIfNull(check);
        _checks.Add(check);
        return this;
    }

    /// <summary>Adds a check written as datalog, e.g. <c>check if operation("read")</c>.</summary>
    public BlockBuilder AddCheck(string check, IReadOnlyDictionary<string, Term>? parameters = null) =>
        AddCheck(DatalogParser.ParseCheck(check, parameters));

    /// <summary>Adds block-level <c>trusting</c> origins.</summary>
    public BlockBuilder Trusting(params Scope[] scopes)
    {
        _scopes.AddRange(scopes);
        return this;
    }

    /// <summary>Sets the free-text context carried by the block.</summary>
    public BlockBuilder SetContext(string context)
    {
        _context = context;
        return this;
    }

    /// <summary>The block collected so far.</summary>
    public Block Build() => new([.. _facts], [.. _rules], [.. _checks], [.. _scopes], _context);
}
