namespace Hook0.Modules.Organizations.Domain;

/// <summary>
/// A dashboard sign-in kept server-side: the browser holds only a random secret (in a protected cookie), this
/// row holds its keyed hash, the session's Biscuit pair (sealed) and its lifetimes. Its id is the id of the
/// token session the Biscuits belong to, so revoking one revokes the other.
/// </summary>
internal sealed class DashboardSession
{
    public const int UserAgentMaxLength = 256;
    public const int AddressMaxLength = 64;

    public Guid Id { get; set; }
    public required byte[] LookupHash { get; set; }
    public Guid UserId { get; set; }
    public required string SealedAccessToken { get; set; }
    public DateTime AccessTokenExpiresAt { get; set; }
    public required string SealedRefreshToken { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime LastSeenAt { get; set; }

    /// <summary>The absolute end: created plus the absolute lifetime, whatever the activity.</summary>
    public DateTime ExpiresAt { get; set; }

    public DateTime? RevokedAt { get; set; }
    public string? UserAgent { get; set; }
    public string? Address { get; set; }
}
