using System.Collections.Concurrent;
using Hook0.Modules.Delivery.Domain;
using NSec.Cryptography;

namespace Hook0.Modules.Delivery.Secrets;

/// <summary>Creates new secrets (sealed) and opens Ed25519 private keys for signing (imported once, then cached).</summary>
internal sealed class SigningKeyFactory(SecretProtector protector)
{
    private readonly ConcurrentDictionary<string, Key> _keys = new(StringComparer.Ordinal);

    /// <summary>An HMAC secret like upstream's: a random UUID, keyed by its lowercase hyphenated text.</summary>
    public SubscriptionSecret NewHmacSecret(Guid subscriptionId, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(),
        SubscriptionId = subscriptionId,
        Kind = SubscriptionSecret.Hmac,
        ProtectedValue = protector.Protect(Guid.NewGuid().ToString("D")),
        CreatedAt = now,
    };

    public SubscriptionSecret NewEd25519Key(Guid subscriptionId, DateTime now)
    {
        using var key = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        return new SubscriptionSecret
        {
            Id = Guid.CreateVersion7(),
            SubscriptionId = subscriptionId,
            Kind = SubscriptionSecret.Ed25519,
            ProtectedValue = protector.Protect(Convert.ToBase64String(key.Export(KeyBlobFormat.RawPrivateKey))),
            PublicKey = Convert.ToBase64String(key.PublicKey.Export(KeyBlobFormat.RawPublicKey)),
            CreatedAt = now,
        };
    }

    public string OpenHmac(string protectedValue) => protector.Unprotect(protectedValue);

    public Key OpenEd25519(string protectedValue)
        => _keys.GetOrAdd(protectedValue, p => Key.Import(SignatureAlgorithm.Ed25519, Convert.FromBase64String(protector.Unprotect(p)), KeyBlobFormat.RawPrivateKey));
}
