using System.Security.Claims;

namespace Hook0.Modules.Kernel.Auth;

/// <summary>The authenticated principal: a claims principal that carries the typed <see cref="Caller"/>.</summary>
public sealed class CallerPrincipal : ClaimsPrincipal
{
    public CallerPrincipal(Caller caller)
        : base(new ClaimsIdentity([new Claim("hook0:kind", caller.Kind.ToString())], BearerAuthenticationHandler.SchemeName))
    {
        Caller = caller;
    }

    public Caller Caller { get; }
}
