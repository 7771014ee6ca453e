using Hook0.Modules.Organizations.Tokens;

namespace Hook0.Modules.Organizations.Accounts;

/// <summary>Reads the tokens of e-mail links (verification, password reset): this instance's, of the right type, unexpired.</summary>
internal sealed class EmailLinks(TokenVerifier verifier, TimeProvider time)
{
    /// <returns>The verified link token, or null for anything else (the caller answers 401 <c>AuthEmailExpired</c>).</returns>
    public VerifiedToken? Read(string token, string type)
        => verifier.Verify(token) is { UserId: not null } verified && TokenChecks.Pass(verified, type, time.GetUtcNow()) ? verified : null;
}
