using Hook0.Biscuit.Errors;
using NSec.Cryptography;

namespace Hook0.Biscuit.Crypto;

/// <summary>Ed25519 through libsodium (NSec), whose verification is strict like the reference's <c>verify_strict</c>.</summary>
internal sealed class Ed25519Scheme : ISignatureScheme
{
    private static readonly SignatureAlgorithm Ed25519 = SignatureAlgorithm.Ed25519;

    // Exporting raw private keys is needed for the token proof (nextSecret).
    private static KeyCreationParameters Exportable => new() { ExportPolicy = KeyExportPolicies.AllowPlaintextExport };

    public int PrivateKeyLength => 32;

    public object Prepare(ReadOnlySpan<byte> publicKey)
    {
        if (publicKey.Length != 32 || !NSec.Cryptography.PublicKey.TryImport(Ed25519, publicKey, KeyBlobFormat.RawPublicKey, out var key))
        {
            throw new BiscuitException(BiscuitErrorKind.InvalidKey, "invalid Ed25519 public key");
        }

        return key!;
    }

    public byte[] DerivePublicKey(ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.Length != 32)
        {
            throw new BiscuitException(BiscuitErrorKind.InvalidKey, "invalid Ed25519 private key");
        }

        // libsodium must be initialised before use; NSec's algorithm object does that, so touch it first.
        _ = Ed25519.PublicKeySize;
        return SodiumNative.Ed25519PublicKeyFromSeed(privateKey);
    }

    public byte[] GeneratePrivateKey()
    {
        using var key = Key.Create(Ed25519, Exportable);
        return key.Export(KeyBlobFormat.RawPrivateKey);
    }

    public byte[] Sign(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> data)
    {
        using var key = ImportPrivate(privateKey);
        return Ed25519.Sign(key, data);
    }

    public bool Verify(object preparedKey, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != 64)
        {
            throw new TokenFormatException(
                BiscuitErrorKind.InvalidSignatureFormat,
                $"block signature deserialization error: Ed25519 signatures are 64 bytes, got {signature.Length}");
        }

        return Ed25519.Verify((NSec.Cryptography.PublicKey)preparedKey, data, signature);
    }

    private static Key ImportPrivate(ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.Length != 32 || !Key.TryImport(Ed25519, privateKey, KeyBlobFormat.RawPrivateKey, out var key, Exportable))
        {
            throw new BiscuitException(BiscuitErrorKind.InvalidKey, "invalid Ed25519 private key");
        }

        return key!;
    }
}
