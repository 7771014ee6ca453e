using Hook0.Biscuit.Errors;

namespace Hook0.Biscuit.Authorization;

/// <summary>Raised by <see cref="AuthorizationResult.EnsureAuthorized"/> when the token is not authorized.</summary>
public sealed class UnauthorizedException : BiscuitException
{
    public UnauthorizedException(AuthorizationResult result)
        : base(BiscuitErrorKind.Unauthorized, result.ToString())
    {
        Result = result;
    }

    public AuthorizationResult Result { get; }
}
