namespace Hook0.Receiver;

/// <summary>The signature schemes a receiver accepts; Hook0 deliveries carry both by default.</summary>
[Flags]
public enum WebhookSchemes
{
    None = 0,

    /// <summary><c>X-Hook0-Signature</c> (<c>v1</c> covering headers, or the older <c>v0</c>).</summary>
    Hook0 = 1,

    /// <summary>Standard Webhooks: <c>webhook-id</c>, <c>webhook-timestamp</c>, <c>webhook-signature</c> (<c>v1</c> HMAC, <c>v1a</c> Ed25519).</summary>
    Standard = 2,

    All = Hook0 | Standard,
}
