namespace Hook0.Biscuit.Datalog;

/// <summary>What a <c>trusting</c> annotation names: the authority block, all previous blocks, or blocks signed by a key.</summary>
public enum ScopeKind
{
    Authority,
    Previous,
    PublicKey,
}

/// <summary>One origin in a <c>trusting</c> annotation.</summary>
public sealed record Scope(ScopeKind Kind, Crypto.PublicKey? PublicKey = null)
{
    public static readonly Scope Authority = new(ScopeKind.Authority);
    public static readonly Scope Previous = new(ScopeKind.Previous);

    public static Scope Trusting(Crypto.PublicKey key) => new(ScopeKind.PublicKey, key);

    public override string ToString() => Kind switch
    {
        ScopeKind.Authority => "authority",
        ScopeKind.Previous => "previous",
        _ => PublicKey!.ToString(),
    };
}
