namespace Hook0.Modules.Kernel.Auth;

/// <summary>What kind of credential authenticated the request.</summary>
public enum CallerKind
{
    /// <summary>The instance's <c>MASTER_API_KEY</c>: every organization.</summary>
    Master,

    /// <summary>A service token: every action of its one organization.</summary>
    ServiceToken,

    /// <summary>A user session: the roles of its memberships.</summary>
    User,

    /// <summary>An application secret (upstream's compatibility mode): its one application only.</summary>
    ApplicationSecret,
}
