using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hook0.Modules.Kernel.Secrets;

/// <summary>
/// Seals secrets kept in the database (AES-256-GCM) and hashes them for lookup (HMAC-SHA-256), with
/// keys derived from <c>SECRETS_ENCRYPTION_KEY</c>. A sealed value reads <c>v1:&lt;key id&gt;:&lt;base64&gt;</c>:
/// the key id names the key that sealed it, so after a rotation the previous keys still open old
/// values while new ones are sealed with the current key. The purpose (the column) is authenticated
/// data: a value copied into another column does not open there.
/// </summary>
public sealed partial class SecretBox
{
    private const string Version = "v1";

    // Not a secret: what non-production servers without a configured key use, so that a developer's
    // restarts keep their data. Production refuses to start without a key (SecretsOptions.MissingInProduction).
    private static readonly byte[] DevelopmentKey = SHA256.HashData("hook0 development secrets key, not for production"u8);

    private readonly Dictionary<string, Derived> _derived;
    private readonly Derived _current;

    public SecretBox(IOptions<SecretsOptions> options, ILogger<SecretBox> logger)
    {
        var keys = KeysFrom(options.Value);
        if (keys is null)
        {
            LogDevelopmentKey(logger);
            keys = new ConfiguredKeys(new ConfiguredKey(DevelopmentKey), []);
        }

        _derived = keys.All.ToDictionary(k => k.Id, k => new Derived(k));
        _current = _derived[keys.Current.Id];
        CurrentPrefix = $"{Version}:{keys.Current.Id}:";
    }

    /// <summary>What every value sealed with the current key starts with (values sealed earlier are re-sealed at start-up).</summary>
    public string CurrentPrefix { get; }

    /// <summary>The configured keys (current first), or null when none is configured.</summary>
    public static ConfiguredKeys? KeysFrom(SecretsOptions options)
        => options.EncryptionKeyBytes() is { } current
            ? new ConfiguredKeys(new ConfiguredKey(current), options.PreviousKeyBytes().Select(k => new ConfiguredKey(k)))
            : null;

    public static bool IsSealed(string value) => value.StartsWith(Version + ":", StringComparison.Ordinal);

    public string Seal(string plaintext, string purpose)
    {
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var sealedBytes = new byte[ConfiguredKey.NonceSize + ConfiguredKey.TagSize + plain.Length];
        var nonce = sealedBytes.AsSpan(0, ConfiguredKey.NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_current.Seal, ConfiguredKey.TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(ConfiguredKey.NonceSize + ConfiguredKey.TagSize),
            sealedBytes.AsSpan(ConfiguredKey.NonceSize, ConfiguredKey.TagSize), Encoding.UTF8.GetBytes(purpose));
        CryptographicOperations.ZeroMemory(plain);
        return CurrentPrefix + Convert.ToBase64String(sealedBytes);
    }

    /// <exception cref="CryptographicException">Not sealed, sealed by a key no longer configured, for another purpose, or tampered with.</exception>
    public string Open(string sealedValue, string purpose)
    {
        var parts = sealedValue.Split(':', 3);
        if (parts.Length != 3 || parts[0] != Version)
        {
            throw new CryptographicException("Not a sealed secret.");
        }

        if (!_derived.TryGetValue(parts[1], out var key))
        {
            throw new CryptographicException($"Sealed by key {parts[1]}, which is not configured (SECRETS_ENCRYPTION_KEY or SECRETS_ENCRYPTION_PREVIOUS_KEYS).");
        }

        var sealedBytes = Convert.FromBase64String(parts[2]);
        if (sealedBytes.Length < ConfiguredKey.NonceSize + ConfiguredKey.TagSize)
        {
            throw new CryptographicException("Truncated sealed secret.");
        }

        var plain = new byte[sealedBytes.Length - ConfiguredKey.NonceSize - ConfiguredKey.TagSize];
        using var aes = new AesGcm(key.Seal, ConfiguredKey.TagSize);
        aes.Decrypt(sealedBytes.AsSpan(0, ConfiguredKey.NonceSize), sealedBytes.AsSpan(ConfiguredKey.NonceSize + ConfiguredKey.TagSize),
            sealedBytes.AsSpan(ConfiguredKey.NonceSize, ConfiguredKey.TagSize), plain, Encoding.UTF8.GetBytes(purpose));
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>
    /// The keyed hash a secret is found by (HMAC-SHA-256 under the current key): equal secrets hash
    /// equal, so the database finds a row by it without ever holding the secret in clear.
    /// </summary>
    public byte[] LookupHash(string plaintext, string purpose)
        => HMACSHA256.HashData(_current.Lookup, Encoding.UTF8.GetBytes(purpose + "\n" + plaintext));

    [LoggerMessage(Level = LogLevel.Warning, Message = "SECRETS_ENCRYPTION_KEY is not set: secrets at rest are sealed with the built-in development key (a production server refuses to start without one)")]
    private static partial void LogDevelopmentKey(ILogger logger);

    /// <summary>Separate keys for sealing and for hashing, both derived from one configured key.</summary>
    private sealed class Derived(ConfiguredKey key)
    {
        public byte[] Seal { get; } = HKDF.DeriveKey(HashAlgorithmName.SHA256, key.Bytes, 32, [], "hook0 secrets at rest: seal"u8.ToArray());

        public byte[] Lookup { get; } = HKDF.DeriveKey(HashAlgorithmName.SHA256, key.Bytes, 32, [], "hook0 secrets at rest: lookup"u8.ToArray());
    }
}
