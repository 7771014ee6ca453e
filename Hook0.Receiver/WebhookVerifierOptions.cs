namespace Hook0.Receiver;

/// <summary>What a receiver trusts. Several secrets and keys may be given at once, for a rotation's overlap.</summary>
public sealed class WebhookVerifierOptions
{
    /// <summary>
    /// HMAC secrets, each either as the subscription's <c>secret</c> (the UUID text Hook0 shows) or as its
    /// <c>standard_secret</c> (<c>whsec_</c> + base64): both name the same key, and either verifies both schemes.
    /// </summary>
    public IList<string> Secrets { get; } = [];

    /// <summary>Ed25519 public keys for <c>v1a</c> signatures, as the subscription's <c>public_key</c> (<c>whpk_</c> + base64).</summary>
    public IList<string> PublicKeys { get; } = [];

    /// <summary>How far the signing moment may lie from now, in either direction. Five minutes, as both specifications suggest.</summary>
    public TimeSpan Tolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The schemes accepted; when a delivery carries both, Standard Webhooks is checked.</summary>
    public WebhookSchemes Schemes { get; set; } = WebhookSchemes.All;

    /// <summary>Called after a signature verified, to refuse a captured delivery sent again within the tolerance. None by default.</summary>
    public IWebhookReplayGuard? ReplayGuard { get; set; }

    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
