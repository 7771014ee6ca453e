using Hook0.Biscuit;
using Hook0.Biscuit.Datalog;
using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Organizations.Keys;

namespace Hook0.Modules.Organizations.Tokens;

/// <summary>
/// Mints the instance's root tokens with the facts, types and versions of upstream (reference §6.2), so
/// that a token minted by either server with the same key is understood by the other.
/// </summary>
internal sealed class TokenMinter(BiscuitRootKey key, TimeProvider time)
{
    public MintedToken UserAccess(Guid tokenId, Guid sessionId, Guid userId, string email, string firstName, string lastName,
        IEnumerable<(Guid OrganizationId, string Role)> roles)
    {
        var now = Now();
        var expiresAt = now + TokenTypes.UserAccessLifetime;
        var builder = BiscuitToken.CreateBuilder(key.KeyPair).AddCode(
            """
            type("user_access");
            version({version});
            session_id({session_id});
            token_id({token_id});
            created_at({created_at});
            user_id({user_id});
            email({email});
            first_name({first_name});
            last_name({last_name});
            check if time($t), $t < {expired_at};
            """,
            new Dictionary<string, Term>
            {
                ["version"] = TokenTypes.Version,
                ["session_id"] = AccessFacts.Uuid(sessionId),
                ["token_id"] = AccessFacts.Uuid(tokenId),
                ["created_at"] = now,
                ["user_id"] = AccessFacts.Uuid(userId),
                ["email"] = email,
                ["first_name"] = firstName,
                ["last_name"] = lastName,
                ["expired_at"] = expiresAt,
            });
        foreach (var (organizationId, role) in roles)
        {
            builder.AddFact(new Fact("organization_role", AccessFacts.Uuid(organizationId), role));
        }

        return Mint(builder, expiresAt);
    }

    public MintedToken Refresh(Guid tokenId, Guid sessionId, Guid userId)
    {
        var now = Now();
        var expiresAt = now + TokenTypes.RefreshLifetime;
        return Mint(BiscuitToken.CreateBuilder(key.KeyPair).AddCode(
            """
            type("refresh");
            version({version});
            token_id({token_id});
            session_id({session_id});
            user_id({user_id});
            created_at({created_at});
            check if time($t), $t < {expired_at};
            """,
            new Dictionary<string, Term>
            {
                ["version"] = TokenTypes.Version,
                ["token_id"] = AccessFacts.Uuid(tokenId),
                ["session_id"] = AccessFacts.Uuid(sessionId),
                ["user_id"] = AccessFacts.Uuid(userId),
                ["created_at"] = now,
                ["expired_at"] = expiresAt,
            }), expiresAt);
    }

    /// <summary>No expiry: a service token lives until it is revoked.</summary>
    public MintedToken ServiceAccess(Guid tokenId, Guid organizationId)
        => Mint(BiscuitToken.CreateBuilder(key.KeyPair).AddCode(
            """
            type("service_access");
            version({version});
            token_id({token_id});
            created_at({created_at});
            organization_id({organization_id});
            """,
            new Dictionary<string, Term>
            {
                ["version"] = TokenTypes.Version,
                ["token_id"] = AccessFacts.Uuid(tokenId),
                ["created_at"] = Now(),
                ["organization_id"] = AccessFacts.Uuid(organizationId),
            }), null);

    /// <summary>E-mail link tokens are not stored: their single use comes from the user's state.</summary>
    public MintedToken EmailLink(string type, Guid userId, TimeSpan lifetime)
    {
        var now = Now();
        var expiresAt = now + lifetime;
        return Mint(BiscuitToken.CreateBuilder(key.KeyPair).AddCode(
            """
            type({type});
            version({version});
            user_id({user_id});
            created_at({created_at});
            expired_at({expired_at});
            """,
            new Dictionary<string, Term>
            {
                ["type"] = type,
                ["version"] = TokenTypes.Version,
                ["user_id"] = AccessFacts.Uuid(userId),
                ["created_at"] = now,
                ["expired_at"] = expiresAt,
            }), expiresAt);
    }

    private DateTimeOffset Now() => time.GetUtcNow();

    private static MintedToken Mint(BiscuitTokenBuilder builder, DateTimeOffset? expiresAt)
    {
        var token = builder.Build();
        return new MintedToken(token.ToBase64(), Convert.FromHexString(token.RevocationIds[0]), expiresAt?.UtcDateTime);
    }
}
