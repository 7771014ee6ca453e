using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Organizations.Data;
using Hook0.Modules.Organizations.Tokens;

namespace Hook0.Modules.Organizations.Authentication;

/// <summary>
/// Recognizes the Biscuits this instance minted and that are still live: signatures verified against
/// the root key, and the authority block's revocation id present and unexpired in <c>iam.token</c>
/// (so revoking a root token revokes every attenuation of it). What the token may do is decided later,
/// per action, by the Datalog policy.
/// </summary>
internal sealed class BiscuitTokenResolver(TokenVerifier verifier, TokenRevocations revocations, OrganizationsDbOnDemand db)
    : IBearerCredentialResolver
{
    public int Order => 20;

    public async ValueTask<Caller?> ResolveAsync(string bearer, CancellationToken cancellationToken)
    {
        if (verifier.Verify(bearer) is not { } token
            || !await revocations.IsLiveAsync(db, token.RevocationIdHex, cancellationToken))
        {
            return null;
        }

        var kind = token.Type switch
        {
            TokenTypes.UserAccess => CallerKind.User,
            TokenTypes.ServiceAccess => CallerKind.ServiceToken,
            _ => CallerKind.OtherToken,
        };
        return new Caller(kind, token.OrganizationId, null, token.UserId, token.Roles, "token:" + token.RevocationIdHex)
        {
            Token = token.Token,
            SessionId = token.SessionId,
            RevocationId = token.RevocationIdHex,
        };
    }
}
