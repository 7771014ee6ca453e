using Hook0.Biscuit.Authorization;
using Hook0.Biscuit.Errors;

namespace Hook0.Modules.Organizations.Tokens;

/// <summary>
/// Runs a token's own checks (its expiry, and those of any attenuation) for the flows that are not an
/// API action: refreshing a session and following an e-mail link.
/// </summary>
internal static class TokenChecks
{
    public static bool Pass(VerifiedToken token, string expectedType, DateTimeOffset now)
    {
        if (token.Type != expectedType || token.Version != TokenTypes.Version || token.ExpiredAt <= now)
        {
            return false;
        }

        try
        {
            return new AuthorizerBuilder().AddTime(now).AddPolicy("allow if true").Build(token.Token).Authorize().IsAuthorized;
        }
        catch (BiscuitException)
        {
            return false;
        }
    }
}
