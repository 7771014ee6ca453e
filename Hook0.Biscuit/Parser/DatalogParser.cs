using System.Collections.Immutable;
using Hook0.Biscuit.Crypto;
using Hook0.Biscuit.Datalog;
using Hook0.Biscuit.Errors;

namespace Hook0.Biscuit.Parser;

/// <summary>
/// Hand-written recursive-descent parser for the Biscuit datalog text syntax (specification §10).
/// <c>{name}</c> placeholders are replaced by the given term or public-key parameters; a missing
/// or unused parameter is an error of kind <see cref="BiscuitErrorKind.MissingParameter"/>.
/// </summary>
public sealed partial class DatalogParser
{
    private static readonly Dictionary<string, Term> NoParameters = [];
    private static readonly Dictionary<string, PublicKey> NoScopeParameters = [];

    private readonly IReadOnlyDictionary<string, Term> _parameters;
    private readonly IReadOnlyDictionary<string, PublicKey> _scopeParameters;
    private readonly HashSet<string> _usedParameters = [];

    private DatalogParser(string source, IReadOnlyDictionary<string, Term>? parameters, IReadOnlyDictionary<string, PublicKey>? scopeParameters)
    {
        ArgumentNullException.ThrowIfNull(source);
        _source = source;
        _parameters = parameters ?? NoParameters;
        _scopeParameters = scopeParameters ?? NoScopeParameters;
    }

    /// <summary>Parses a fact such as <c>user_id("alice")</c>.</summary>
    public static Fact ParseFact(string source, IReadOnlyDictionary<string, Term>? parameters = null) =>
        new DatalogParser(source, parameters, null).Whole(p => p.ParseFactOrRule() as Fact ?? throw p.Error("expected a fact", 0));

    /// <summary>Parses a rule such as <c>right($r) &lt;- owner($u, $r)</c>.</summary>
    public static Rule ParseRule(string source, IReadOnlyDictionary<string, Term>? parameters = null, IReadOnlyDictionary<string, PublicKey>? scopeParameters = null) =>
        new DatalogParser(source, parameters, scopeParameters).Whole(p => p.ParseFactOrRule() as Rule ?? throw p.Error("expected a rule", 0));

    /// <summary>Parses a check such as <c>check if operation("read")</c>.</summary>
    public static Check ParseCheck(string source, IReadOnlyDictionary<string, Term>? parameters = null, IReadOnlyDictionary<string, PublicKey>? scopeParameters = null) =>
        new DatalogParser(source, parameters, scopeParameters).Whole(p => p.TryParseCheck() ?? throw p.Error("expected a check"));

    /// <summary>Parses a policy such as <c>allow if user($u)</c>.</summary>
    public static Policy ParsePolicy(string source, IReadOnlyDictionary<string, Term>? parameters = null, IReadOnlyDictionary<string, PublicKey>? scopeParameters = null) =>
        new DatalogParser(source, parameters, scopeParameters).Whole(p => p.TryParsePolicy() ?? throw p.Error("expected a policy"));

    /// <summary>Parses block source: an optional leading <c>trusting …;</c>, then facts, rules and checks, each ended by <c>;</c>.</summary>
    public static ParsedCode ParseBlock(string source, IReadOnlyDictionary<string, Term>? parameters = null, IReadOnlyDictionary<string, PublicKey>? scopeParameters = null) =>
        new DatalogParser(source, parameters, scopeParameters).Whole(p => p.ParseStatements(allowPolicies: false));

    /// <summary>Parses authorizer source: like a block, plus <c>allow if</c> / <c>deny if</c> policies.</summary>
    public static ParsedCode ParseAuthorizer(string source, IReadOnlyDictionary<string, Term>? parameters = null, IReadOnlyDictionary<string, PublicKey>? scopeParameters = null) =>
        new DatalogParser(source, parameters, scopeParameters).Whole(p => p.ParseStatements(allowPolicies: true));

    private T Whole<T>(Func<DatalogParser, T> parse)
    {
        var result = parse(this);
        Accept(";");
        if (!AtEnd)
        {
            throw Error("unexpected text");
        }

        var unused = _parameters.Keys.Concat(_scopeParameters.Keys).Where(k => !_usedParameters.Contains(k)).ToList();
        if (unused.Count > 0)
        {
            throw new BiscuitException(BiscuitErrorKind.MissingParameter, $"unused parameters: {string.Join(", ", unused)}");
        }

        return result;
    }

    private ParsedCode ParseStatements(bool allowPolicies)
    {
        var scopes = ImmutableArray<Scope>.Empty;
        if (AcceptKeyword("trusting"))
        {
            scopes = ParseOrigins();
            Expect(";");
        }

        var facts = ImmutableArray.CreateBuilder<Fact>();
        var rules = ImmutableArray.CreateBuilder<Rule>();
        var checks = ImmutableArray.CreateBuilder<Check>();
        var policies = ImmutableArray.CreateBuilder<Policy>();
        while (!AtEnd)
        {
            var start = _position;
            if (TryParseCheck() is { } check)
            {
                checks.Add(check);
            }
            else if (TryParsePolicy() is { } policy)
            {
                if (!allowPolicies)
                {
                    throw Error("policies are only allowed in authorizers", start);
                }

                policies.Add(policy);
            }
            else
            {
                switch (ParseFactOrRule())
                {
                    case Fact fact:
                        facts.Add(fact);
                        break;
                    case Rule rule:
                        rules.Add(rule);
                        break;
                }
            }

            if (!Accept(";") && !AtEnd)
            {
                throw Error("expected ';'");
            }
        }

        return new ParsedCode(scopes, facts.ToImmutable(), rules.ToImmutable(), checks.ToImmutable(), policies.ToImmutable());
    }

    private Check? TryParseCheck()
    {
        var kind = AcceptKeywords("check", "if") ? CheckKind.One
            : AcceptKeywords("check", "all") ? CheckKind.All
            : AcceptKeywords("reject", "if") ? CheckKind.Reject
            : (CheckKind?)null;
        return kind is null ? null : new Check(kind.Value, ParseQueries());
    }

    private Policy? TryParsePolicy()
    {
        var kind = AcceptKeywords("allow", "if") ? PolicyKind.Allow
            : AcceptKeywords("deny", "if") ? PolicyKind.Deny
            : (PolicyKind?)null;
        return kind is null ? null : new Policy(kind.Value, ParseQueries());
    }

    private ImmutableArray<Rule> ParseQueries()
    {
        var queries = ImmutableArray.CreateBuilder<Rule>();
        do
        {
            var (body, expressions, scopes) = ParseBody();
            queries.Add(new Rule(new Predicate("query", []), body, expressions, scopes));
        }
        while (AcceptKeyword("or"));
        return queries.ToImmutable();
    }

    /// <summary>A fact (no <c>&lt;-</c>) or a rule; the head of a rule may have no terms.</summary>
    private object ParseFactOrRule()
    {
        var start = _position;
        var name = TryName() ?? throw Error("expected a fact, rule, check or policy");
        Expect("(");
        var terms = ImmutableArray.CreateBuilder<Term>();
        if (!Accept(")"))
        {
            do
            {
                terms.Add(ParseTerm(allowVariables: true));
            }
            while (Accept(","));
            Expect(")");
        }

        var head = new Predicate(name, terms.ToImmutable());
        if (!Accept("<-"))
        {
            if (head.Terms.IsEmpty)
            {
                throw Error("a fact needs at least one term", start);
            }

            if (head.Terms.Any(t => Rule.Variables(t).Any()))
            {
                throw Error("facts cannot contain variables", start);
            }

            return new Fact(head);
        }

        var (body, expressions, scopes) = ParseBody();
        var rule = new Rule(head, body, expressions, scopes);
        var unbound = rule.UnboundHeadVariables().ToList();
        if (unbound.Count > 0)
        {
            throw Error($"rule head variables not bound by the body: {string.Join(", ", unbound.Select(v => "$" + v))}", start);
        }

        return rule;
    }

    private (ImmutableArray<Predicate> Body, ImmutableArray<Expression> Expressions, ImmutableArray<Scope> Scopes) ParseBody()
    {
        var body = ImmutableArray.CreateBuilder<Predicate>();
        var expressions = ImmutableArray.CreateBuilder<Expression>();
        do
        {
            if (TryParsePredicate() is { } predicate)
            {
                body.Add(predicate);
            }
            else
            {
                expressions.Add(ParseExpression());
            }
        }
        while (Accept(","));

        var scopes = AcceptKeyword("trusting") ? ParseOrigins() : [];
        return (body.ToImmutable(), expressions.ToImmutable(), scopes);
    }

    /// <summary>A body predicate is a name directly followed by <c>(</c>; anything else is an expression.</summary>
    private Predicate? TryParsePredicate()
    {
        SkipSpace();
        var start = _position;
        var name = TryNameNoSpace();
        if (name is null || Current != '(' || name.StartsWith("hex:", StringComparison.Ordinal) || !IsNameStart(name[0]))
        {
            _position = start;
            return null;
        }

        _position++;
        var terms = ImmutableArray.CreateBuilder<Term>();
        do
        {
            terms.Add(ParseTerm(allowVariables: true));
        }
        while (Accept(","));
        Expect(")");
        return new Predicate(name, terms.ToImmutable());
    }

    private ImmutableArray<Scope> ParseOrigins()
    {
        var scopes = ImmutableArray.CreateBuilder<Scope>();
        do
        {
            SkipSpace();
            var start = _position;
            if (AcceptKeyword("authority"))
            {
                scopes.Add(Scope.Authority);
            }
            else if (AcceptKeyword("previous"))
            {
                scopes.Add(Scope.Previous);
            }
            else if (ParameterPattern.Match(_source, _position) is { Success: true } parameter)
            {
                _position += parameter.Length;
                scopes.Add(Scope.Trusting(UseScopeParameter(parameter.Groups[1].Value, start)));
            }
            else
            {
                scopes.Add(Scope.Trusting(ParsePublicKeyLiteral(start)));
            }
        }
        while (Accept(","));
        return scopes.ToImmutable();
    }

    private PublicKey ParsePublicKeyLiteral(int start)
    {
        var algorithm = AcceptKeyword("ed25519") ? "ed25519" : AcceptKeyword("secp256r1") ? "secp256r1"
            : throw Error("expected authority, previous or a public key", start);
        if (Current != '/')
        {
            throw Error("expected '/' after the key algorithm");
        }

        _position++;
        var hexStart = _position;
        while (char.IsAsciiHexDigit(Current))
        {
            _position++;
        }

        try
        {
            return PublicKey.Parse(algorithm + "/" + _source[hexStart.._position]);
        }
        catch (BiscuitException e)
        {
            throw Error("invalid public key: " + e.Message, start);
        }
    }
}
