namespace Hook0.Modules.Kernel.Auth;

/// <summary>What kind of credential authenticated the request.</summary>
public enum CallerKind
{
    /// <summary>The instance's <c>MASTER_API_KEY</c>: every organization.</summary>
    Master,

    /// <summary>A service token (a <c>service_access</c> Biscuit, possibly attenuated): every action of its one organization.</summary>
    ServiceToken,

    /// <summary>A user session (a <c>user_access</c> Biscuit): the roles of its memberships.</summary>
    User,

    /// <summary>An application secret (upstream's compatibility mode): its one application only.</summary>
    ApplicationSecret,

    /// <summary>
    /// A stored Biscuit of another type (a refresh token sent as an access token): it authenticates,
    /// so the refusal is the authorizer's 403 like upstream, but no action accepts it.
    /// </summary>
    OtherToken,

    /// <summary>
    /// A customer-portal session (a <c>portal_access</c> Biscuit, ADR 0028): the actions and the one application
    /// its token names, the label scope applied by the portal; never accepted as an API bearer.
    /// </summary>
    Portal,
}
