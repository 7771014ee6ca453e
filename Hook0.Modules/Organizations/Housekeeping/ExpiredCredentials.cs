namespace Hook0.Modules.Organizations.Housekeeping;

/// <summary>A kind of expired credential housekeeping removes: its job's name, its table, key and expiry column (constants, never input).</summary>
internal sealed record ExpiredCredentials(string Name, string Table, string Key, string ExpiresAt)
{
    /// <summary>Token rows: revocation checks never need them again once past the grace period.</summary>
    public static readonly ExpiredCredentials Tokens = new("expired tokens", "iam.token", "token_id", "expired_at");

    /// <summary>Invitations: never shown or accepted again.</summary>
    public static readonly ExpiredCredentials Invitations = new("expired invitations", "iam.invitation", "invitation_id", "expires_at");

    /// <summary>
    /// Customer-portal sessions: refused from their expiry on (ended ones earlier), so past the grace period the row only
    /// holds a sealed token nobody may use; a session lives at most 7 days, so rows never pile up for long.
    /// </summary>
    public static readonly ExpiredCredentials PortalSessions = new("expired portal sessions", "iam.portal_session", "portal_session_id", "expires_at");
}
