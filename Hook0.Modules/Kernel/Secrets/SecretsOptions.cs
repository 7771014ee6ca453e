using System.ComponentModel.DataAnnotations;
using Hook0.Modules.Kernel.Settings;
using Microsoft.Extensions.Configuration;

namespace Hook0.Modules.Kernel.Secrets;

/// <summary>Secrets at rest (subscription, application and service-token secrets) and subscription-secret rotation (ADR 0008, ADR 0015).</summary>
public sealed class SecretsOptions
{
    public const string EncryptionKeyName = "SECRETS_ENCRYPTION_KEY";

    /// <summary>Base64 of 32 random bytes. Required in production; other environments fall back to a built-in development key (a warning is logged).</summary>
    [Setting("Secrets", "Key (base64 of 32 random bytes) encrypting secrets at rest: application secrets, service tokens and the key ring that seals subscription secrets. Required in production", Sensitive = true, DefaultText = "(generated in the quick start)")]
    [ConfigurationKeyName(EncryptionKeyName)]
    public string? EncryptionKey { get; set; }

    /// <summary>Keys that were <see cref="EncryptionKey"/> before a rotation: still opened, never used to seal.</summary>
    [Setting("Secrets", "Comma-separated previous SECRETS_ENCRYPTION_KEY values, still accepted to open what they sealed (key rotation); secrets are re-sealed with the current key at start-up", Sensitive = true)]
    [ConfigurationKeyName("SECRETS_ENCRYPTION_PREVIOUS_KEYS")]
    public string? PreviousEncryptionKeys { get; set; }

    [Setting("Secrets", "How long a subscription's previous secret stays valid after a rotation, in seconds")]
    [ConfigurationKeyName("SECRET_ROTATION_GRACE_PERIOD_IN_S")]
    [Range(0, 7 * 24 * 3600)]
    public int RotationGracePeriodSeconds { get; set; } = 24 * 3600;

    [Setting("Secrets", "Most secrets one subscription may have valid at once (current plus those in their grace period)")]
    [ConfigurationKeyName("MAX_SUBSCRIPTION_SECRETS")]
    [Range(2, 10)]
    public int MaxValidSecrets { get; set; } = 5;

    /// <returns>The 32-byte key, or null when none is configured.</returns>
    public byte[]? EncryptionKeyBytes() => string.IsNullOrWhiteSpace(EncryptionKey) ? null : Decode(EncryptionKey, EncryptionKeyName);

    /// <returns>The previous keys, in the order given.</returns>
    public IReadOnlyList<byte[]> PreviousKeyBytes() => (PreviousEncryptionKeys ?? "")
        .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(k => Decode(k, "SECRETS_ENCRYPTION_PREVIOUS_KEYS"))
        .ToList();

    /// <summary>
    /// A production server refuses to start without the key: the secrets it seals would otherwise be
    /// sealed by a key anyone can read in this source. The quick start generates and keeps one.
    /// </summary>
    public static string? MissingInProduction(IConfiguration configuration, bool isProduction)
        => isProduction && string.IsNullOrWhiteSpace(configuration[EncryptionKeyName])
            ? $"{EncryptionKeyName}: required in production (base64 of 32 random bytes, e.g. `openssl rand -base64 32`); keep it, and the same on every instance"
            : null;

    private static byte[] Decode(string value, string name)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(value.Trim());
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException($"{name} must be base64 of 32 random bytes.", e);
        }

        return key.Length == 32 ? key : throw new InvalidOperationException($"{name} must be base64 of 32 random bytes.");
    }
}
