using Hook0.Biscuit.Crypto;
using Hook0.Biscuit.Datalog;
using Hook0.Biscuit.Engine;
using Hook0.Biscuit.Errors;
using Hook0.Biscuit.Format;
using Hook0.Biscuit.Parser;

namespace Hook0.Biscuit.Authorization;

/// <summary>Collects the authorizer's facts, rules, checks and policies, limits and host functions.</summary>
public sealed class AuthorizerBuilder
{
    private readonly List<Fact> _facts = [];
    private readonly List<Rule> _rules = [];
    private readonly List<Check> _checks = [];
    private readonly List<Policy> _policies = [];
    private readonly List<Scope> _scopes = [];
    private readonly Dictionary<string, ExternFunction> _externs = new(StringComparer.Ordinal);
    private RunLimits _limits = RunLimits.Default;

    /// <summary>Adds authorizer source: facts, rules, checks and <c>allow if</c>/<c>deny if</c> policies, with <c>{name}</c> parameters.</summary>
    public AuthorizerBuilder AddCode(string code, IReadOnlyDictionary<string, Term>? parameters = null, IReadOnlyDictionary<string, PublicKey>? scopeParameters = null)
    {
        var parsed = DatalogParser.ParseAuthorizer(code, parameters, scopeParameters);
        _scopes.AddRange(parsed.Scopes);
        _facts.AddRange(parsed.Facts);
        _rules.AddRange(parsed.Rules);
        _checks.AddRange(parsed.Checks);
        _policies.AddRange(parsed.Policies);
        return this;
    }

    /// <summary>Adds an authorizer fact (origin: the authorizer).</summary>
    public AuthorizerBuilder AddFact(Fact fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        _facts.Add(fact);
        return this;
    }

    /// <summary>Adds an authorizer fact written as datalog.</summary>
    public AuthorizerBuilder AddFact(string fact, IReadOnlyDictionary<string, Term>? parameters = null) =>
        AddFact(DatalogParser.ParseFact(fact, parameters));

    /// <summary>Adds an authorizer rule; every head variable must be bound by a body predicate.</summary>
    public AuthorizerBuilder AddRule(Rule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (rule.UnboundHeadVariables().Any())
        {
            throw new BiscuitException(BiscuitErrorKind.InvalidBlockRule, $"rule head variables must appear in the body: {rule}");
        }

        _rules.Add(rule);
        return this;
    }

    /// <summary>Adds an authorizer rule written as datalog.</summary>
    public AuthorizerBuilder AddRule(string rule, IReadOnlyDictionary<string, Term>? parameters = null) =>
        AddRule(DatalogParser.ParseRule(rule, parameters));

    /// <summary>Adds an authorizer check (evaluated first, before the token's checks).</summary>
    public AuthorizerBuilder AddCheck(Check check)
    {
        ArgumentNullException.ThrowIfNull(check);
        _checks.Add(check);
        return this;
    }

    /// <summary>Adds an authorizer check written as datalog.</summary>
    public AuthorizerBuilder AddCheck(string check, IReadOnlyDictionary<string, Term>? parameters = null) =>
        AddCheck(DatalogParser.ParseCheck(check, parameters));

    /// <summary>Adds a policy; policies are tried in the order they were added.</summary>
    public AuthorizerBuilder AddPolicy(Policy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        _policies.Add(policy);
        return this;
    }

    /// <summary>Adds a policy written as datalog, e.g. <c>allow if user($u)</c>.</summary>
    public AuthorizerBuilder AddPolicy(string policy, IReadOnlyDictionary<string, Term>? parameters = null) =>
        AddPolicy(DatalogParser.ParsePolicy(policy, parameters));

    /// <summary>
    /// Reads authorizer statements serialized by <see cref="ToPolicies"/> (an <c>AuthorizerPolicies</c> message).
    /// </summary>
    public static AuthorizerBuilder FromPolicies(ReadOnlySpan<byte> bytes)
    {
        var content = SnapshotCodec.DecodePolicies(bytes);
        var builder = new AuthorizerBuilder();
        builder._facts.AddRange(content.Block.Facts);
        builder._rules.AddRange(content.Block.Rules);
        builder._checks.AddRange(content.Block.Checks);
        builder._policies.AddRange(content.Policies);
        return builder;
    }

    /// <summary>
    /// Serializes the facts, rules, checks and policies added so far (an <c>AuthorizerPolicies</c>
    /// message); limits, host functions and a leading <c>trusting</c> annotation are not part of it.
    /// </summary>
    public byte[] ToPolicies() => SnapshotCodec.EncodePolicies(Content());

    /// <summary>Adds the fact <c>time(now)</c>, which expiry checks compare against.</summary>
    public AuthorizerBuilder AddTime(DateTimeOffset now) => AddFact(new Fact("time", DateTerm.Of(now)));

    /// <summary>Replaces the default <see cref="RunLimits"/>.</summary>
    public AuthorizerBuilder SetLimits(RunLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        _limits = limits;
        return this;
    }

    /// <summary>Registers a host function callable as <c>.extern::name(…)</c>.</summary>
    public AuthorizerBuilder RegisterExtern(string name, ExternFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        _externs[name] = function;
        return this;
    }

    /// <summary>
    /// Loads the token's blocks next to the authorizer's statements. Throws
    /// <see cref="InvalidBlockRuleException"/> when a token rule uses an unbound head variable.
    /// </summary>
    public Authorizer Build(BiscuitToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return Build(token.Blocks);
    }

    /// <summary>An authorizer without a token, for evaluating the authorizer's own statements.</summary>
    public Authorizer BuildWithoutToken() => Build([]);

    private Authorizer Build(IReadOnlyList<TokenBlock> blocks) =>
        new(blocks, Content(), _limits, new Dictionary<string, ExternFunction>(_externs));

    private AuthorizerContent Content() => new(new Block([.. _facts], [.. _rules], [.. _checks], [.. _scopes]), [.. _policies]);
}
