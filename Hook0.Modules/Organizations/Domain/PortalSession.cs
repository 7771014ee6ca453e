namespace Hook0.Modules.Organizations.Domain;

/// <summary>
/// A customer-portal session (ADR 0028). The scope itself (application, labels, event types, read-only, expiry,
/// issuer) is in the sealed <c>portal_access</c> Biscuit, which this instance signed; the row is what can change:
/// whether the one-time link was exchanged, the keyed hash of the secret the page then holds, and its end.
/// </summary>
internal sealed class PortalSession
{
    public Guid Id { get; set; }
    public Guid ApplicationId { get; set; }
    public Guid OrganizationId { get; set; }

    /// <summary>The <c>portal_access</c> token, sealed: the page never holds it after the exchange.</summary>
    public required string SealedToken { get; set; }

    /// <summary>The issuing service token's revocation id (null when a user session issued it).</summary>
    public byte[]? IssuerRevocationId { get; set; }

    /// <summary>The issuing user's token session (null when a service token issued it).</summary>
    public Guid? IssuerSessionId { get; set; }

    public bool ReadOnly { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }

    /// <summary>Set by the one exchange of the link: a second use of the same link finds it set and is refused.</summary>
    public DateTime? ExchangedAt { get; set; }

    /// <summary>Keyed hash of the secret the page holds after the exchange (the secret itself is never stored).</summary>
    public byte[]? LookupHash { get; set; }

    public DateTime? EndedAt { get; set; }
}
