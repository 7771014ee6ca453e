using Hook0.Biscuit.Crypto;
using NSec.Cryptography;

namespace Hook0.Modules.Organizations.Keys;

/// <summary>The instance's Ed25519 root key pair: signs minted tokens; its public half is published by <c>/instance</c>.</summary>
public sealed class BiscuitRootKey
{
    private BiscuitRootKey(byte[] privateKey, byte[] publicKey)
    {
        PrivateKey = privateKey;
        PublicKey = publicKey;
        KeyPair = new KeyPair(Hook0.Biscuit.Crypto.PrivateKey.Parse("ed25519-private/" + Convert.ToHexStringLower(privateKey)));
    }

    /// <summary>The same key for the Biscuit library: mints tokens, and its public half verifies them.</summary>
    public KeyPair KeyPair { get; }

    public byte[] PrivateKey { get; }

    public byte[] PublicKey { get; }

    public string PublicKeyHex => Convert.ToHexStringLower(PublicKey);

    public static BiscuitRootKey FromPrivateKeyHex(string hex)
    {
        byte[] raw;
        try
        {
            raw = Convert.FromHexString(hex.Trim());
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException("BISCUIT_PRIVATE_KEY must be 64 hexadecimal characters (an Ed25519 private key).", e);
        }

        if (raw.Length != 32)
        {
            throw new InvalidOperationException("BISCUIT_PRIVATE_KEY must be 64 hexadecimal characters (an Ed25519 private key).");
        }

        using var key = Key.Import(SignatureAlgorithm.Ed25519, raw, KeyBlobFormat.RawPrivateKey);
        return new BiscuitRootKey(raw, key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
    }

    public static string GeneratePrivateKeyHex()
    {
        using var key = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        return Convert.ToHexStringLower(key.Export(KeyBlobFormat.RawPrivateKey));
    }
}
