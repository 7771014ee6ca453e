using System.ComponentModel.DataAnnotations;
using Hook0.Modules.Kernel.Settings;
using Microsoft.Extensions.Configuration;

namespace Hook0.Modules.Delivery.Secrets;

/// <summary>Subscription secrets: encryption at rest and rotation (ADR 0008).</summary>
public sealed class SecretsOptions
{
    /// <summary>Base64 of 32 random bytes; without it the key ring is stored unencrypted (a warning is logged at start-up).</summary>
    [Setting("Secrets", "Key (base64 of 32 random bytes) encrypting the key ring that seals subscription secrets in the database", Sensitive = true)]
    [ConfigurationKeyName("SECRETS_ENCRYPTION_KEY")]
    public string? EncryptionKey { get; set; }

    [Setting("Secrets", "How long a subscription's previous secret stays valid after a rotation, in seconds")]
    [ConfigurationKeyName("SECRET_ROTATION_GRACE_PERIOD_IN_S")]
    [Range(0, 7 * 24 * 3600)]
    public int RotationGracePeriodSeconds { get; set; } = 24 * 3600;

    [Setting("Secrets", "Most secrets one subscription may have valid at once (current plus those in their grace period)")]
    [ConfigurationKeyName("MAX_SUBSCRIPTION_SECRETS")]
    [Range(2, 10)]
    public int MaxValidSecrets { get; set; } = 5;

    /// <returns>The 32-byte key, or null when none is configured.</returns>
    public byte[]? EncryptionKeyBytes()
    {
        if (string.IsNullOrWhiteSpace(EncryptionKey))
        {
            return null;
        }

        byte[] key;
        try
        {
            key = Convert.FromBase64String(EncryptionKey.Trim());
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException("SECRETS_ENCRYPTION_KEY must be base64 of 32 random bytes.", e);
        }

        return key.Length == 32 ? key : throw new InvalidOperationException("SECRETS_ENCRYPTION_KEY must be base64 of 32 random bytes.");
    }
}
