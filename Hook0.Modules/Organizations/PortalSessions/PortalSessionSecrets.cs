namespace Hook0.Modules.Organizations.PortalSessions;

/// <summary>The purposes a portal session's values are sealed and hashed under (see <c>SecretBox</c>).</summary>
internal static class PortalSessionSecrets
{
    public const string Token = "iam.portal_session.token";
    public const string Lookup = "iam.portal_session.secret";

    /// <summary>A link's token is a few hundred characters; anything far longer is not one of ours and is not parsed.</summary>
    public const int TokenMaxLength = 4_096;
}
