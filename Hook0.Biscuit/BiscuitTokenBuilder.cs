using Hook0.Biscuit.Crypto;
using Hook0.Biscuit.Datalog;

namespace Hook0.Biscuit;

/// <summary>Builds a new token: the authority block, signed by the root key.</summary>
public sealed class BiscuitTokenBuilder
{
    private readonly KeyPair _root;
    private readonly BlockBuilder _authority = new();
    private uint? _rootKeyId;

    internal BiscuitTokenBuilder(KeyPair root)
    {
        ArgumentNullException.ThrowIfNull(root);
        _root = root;
    }

    /// <inheritdoc cref="BlockBuilder.AddCode"/>
    public BiscuitTokenBuilder AddCode(string code, IReadOnlyDictionary<string, Term>? parameters = null, IReadOnlyDictionary<string, PublicKey>? scopeParameters = null)
    {
        _authority.AddCode(code, parameters, scopeParameters);
        return this;
    }

    /// <inheritdoc cref="BlockBuilder.AddFact(string, IReadOnlyDictionary{string, Term}?)"/>
    public BiscuitTokenBuilder AddFact(string fact, IReadOnlyDictionary<string, Term>? parameters = null)
    {
        _authority.AddFact(fact, parameters);
        return this;
    }

    /// <inheritdoc cref="BlockBuilder.AddFact(Fact)"/>
    public BiscuitTokenBuilder AddFact(Fact fact)
    {
        _authority.AddFact(fact);
        return this;
    }

    /// <inheritdoc cref="BlockBuilder.AddRule(string, IReadOnlyDictionary{string, Term}?)"/>
    public BiscuitTokenBuilder AddRule(string rule, IReadOnlyDictionary<string, Term>? parameters = null)
    {
        _authority.AddRule(rule, parameters);
        return this;
    }

    /// <inheritdoc cref="BlockBuilder.AddCheck(string, IReadOnlyDictionary{string, Term}?)"/>
    public BiscuitTokenBuilder AddCheck(string check, IReadOnlyDictionary<string, Term>? parameters = null)
    {
        _authority.AddCheck(check, parameters);
        return this;
    }

    /// <inheritdoc cref="BlockBuilder.SetContext"/>
    public BiscuitTokenBuilder SetContext(string context)
    {
        _authority.SetContext(context);
        return this;
    }

    /// <summary>Records which root key signed the token, so verifiers can pick it (see <c>BiscuitToken.Parse</c> with a key provider).</summary>
    public BiscuitTokenBuilder SetRootKeyId(uint rootKeyId)
    {
        _rootKeyId = rootKeyId;
        return this;
    }

    /// <summary>Signs the authority block; the next key pair is generated with <paramref name="nextKeyAlgorithm"/>.</summary>
    public BiscuitToken Build(Algorithm nextKeyAlgorithm = Algorithm.Ed25519) =>
        BiscuitToken.Mint(_root, _authority.Build(), _rootKeyId, KeyPair.Generate(nextKeyAlgorithm));
}
