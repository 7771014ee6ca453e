namespace Hook0.Modules.Delivery.Domain;

/// <summary>
/// One signing secret of a subscription, encrypted with ASP.NET Core Data Protection: an HMAC secret
/// (the text Hook0 and Standard Webhooks both key their HMAC with) or an Ed25519 private key.
/// </summary>
internal sealed class SubscriptionSecret
{
    public const string Hmac = "hmac";
    public const string Ed25519 = "ed25519";

    public Guid Id { get; set; }
    public Guid SubscriptionId { get; set; }

    /// <summary><see cref="Hmac"/> or <see cref="Ed25519"/>.</summary>
    public required string Kind { get; set; }

    /// <summary>The secret as Data Protection sealed it; never the clear text.</summary>
    public required string ProtectedValue { get; set; }

    /// <summary>The Ed25519 public key, base64 (not a secret).</summary>
    public string? PublicKey { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Null for the current secret; the end of the grace period for one replaced by a rotation.</summary>
    public DateTime? ExpiresAt { get; set; }
}
