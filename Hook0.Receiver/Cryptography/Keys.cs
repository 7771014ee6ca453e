using System.Text;

namespace Hook0.Receiver.Cryptography;

/// <summary>Turns the configured secrets and public keys into key bytes, once.</summary>
internal static class Keys
{
    private const string SecretPrefix = "whsec_";
    private const string PublicKeyPrefix = "whpk_";

    /// <summary>Hook0 keys both schemes' HMAC with the secret's text; <c>whsec_</c> is base64 of exactly those bytes.</summary>
    public static byte[] Secret(string secret)
    {
        if (string.IsNullOrEmpty(secret))
        {
            throw new ArgumentException("A secret must not be empty.", nameof(secret));
        }

        return secret.StartsWith(SecretPrefix, StringComparison.Ordinal)
            ? Base64(secret.Substring(SecretPrefix.Length), nameof(secret))
            : Encoding.UTF8.GetBytes(secret);
    }

    public static byte[] PublicKey(string publicKey)
    {
        if (publicKey is null || !publicKey.StartsWith(PublicKeyPrefix, StringComparison.Ordinal))
        {
            throw new ArgumentException("A public key is written whpk_ followed by base64.", nameof(publicKey));
        }

        var bytes = Base64(publicKey.Substring(PublicKeyPrefix.Length), nameof(publicKey));
        return bytes.Length == Ed25519Check.PublicKeyLength
            ? bytes
            : throw new ArgumentException("An Ed25519 public key is 32 bytes.", nameof(publicKey));
    }

    private static byte[] Base64(string text, string parameter)
    {
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw new ArgumentException("The key after its prefix is not base64.", parameter);
        }
    }
}
