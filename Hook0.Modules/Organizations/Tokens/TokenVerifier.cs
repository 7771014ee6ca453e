using Hook0.Biscuit;
using Hook0.Biscuit.Datalog;
using Hook0.Biscuit.Errors;
using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Organizations.Keys;
using Microsoft.Extensions.Caching.Memory;

namespace Hook0.Modules.Organizations.Tokens;

/// <summary>
/// Parses a bearer string as a Biscuit of this instance and reads its authority facts. The signature
/// check dominates the cost of a request's authorization (≈0.14 ms), so verified tokens are kept
/// briefly by their exact text: a hot producer pays it once, not per request. Revocation is not cached
/// here; it is checked on every request (<see cref="TokenRevocations"/>).
/// </summary>
internal sealed class TokenVerifier(BiscuitRootKey key) : IDisposable
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(2);
    private static readonly ParseOptions Bounds = new(MaxTokenBytes: 16 * 1024, MaxBlocks: 16);

    /// <summary>
    /// Facts, rules and checks in all the blocks after the authority one: those are written by whoever
    /// holds the token (attenuation needs no key), so they are bounded before anything evaluates them.
    /// Real restrictions take a handful; the authority block is ours and is not counted.
    /// </summary>
    public const int MaxAttenuationStatements = 64;

    private readonly MemoryCache _verified = new(new MemoryCacheOptions { SizeLimit = 5_000 });

    /// <returns>The verified token, or null when the text is not a valid token signed by this instance's key.</returns>
    public VerifiedToken? Verify(string bearer)
    {
        if (_verified.TryGetValue(bearer, out VerifiedToken? cached))
        {
            return cached;
        }

        var verified = Parse(bearer);
        if (verified is not null)
        {
            _verified.Set(bearer, verified, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = KeepFor });
        }

        return verified;
    }

    private VerifiedToken? Parse(string bearer)
    {
        BiscuitToken token;
        try
        {
            token = BiscuitToken.Parse(bearer, key.KeyPair.PublicKey, Bounds);
        }
        catch (BiscuitException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }

        if (token.Blocks.Skip(1).Sum(b => b.Block.Facts.Length + b.Block.Rules.Length + b.Block.Checks.Length) > MaxAttenuationStatements)
        {
            return null;
        }

        var facts = token.Blocks[0].Block.Facts;
        if (Single(facts, "type") is not StringTerm type)
        {
            return null;
        }

        var roles = new Dictionary<Guid, string>();
        foreach (var fact in facts.Where(f => f.Predicate.Name == "organization_role" && f.Predicate.Terms.Length == 2))
        {
            if (AccessFacts.ToGuid(fact.Predicate.Terms[0]) is { } organization && fact.Predicate.Terms[1] is StringTerm role)
            {
                roles[organization] = role.Value;
            }
        }

        return new VerifiedToken(
            token,
            type.Value,
            token.RevocationIds[0],
            Id(facts, "token_id"),
            Id(facts, "user_id"),
            Id(facts, "session_id"),
            Id(facts, "organization_id"),
            roles,
            (Single(facts, "version") as IntegerTerm)?.Value,
            Date(facts, "created_at"),
            Date(facts, "expired_at"));
    }

    private static DateTimeOffset? Date(IEnumerable<Fact> facts, string name)
        => Single(facts, name) is DateTerm date ? DateTimeOffset.FromUnixTimeSeconds((long)date.SecondsSinceEpoch) : null;

    private static Guid? Id(IEnumerable<Fact> facts, string name) => Single(facts, name) is { } term ? AccessFacts.ToGuid(term) : null;

    private static Term? Single(IEnumerable<Fact> facts, string name)
        => facts.FirstOrDefault(f => f.Predicate.Name == name && f.Predicate.Terms.Length == 1)?.Predicate.Terms[0];

    public void Dispose() => _verified.Dispose();
}
