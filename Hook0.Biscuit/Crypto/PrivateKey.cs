using Hook0.Biscuit.Errors;

namespace Hook0.Biscuit.Crypto;

/// <summary>A private key: Ed25519 32-byte seed or P-256 32-byte scalar. Text form <c>ed25519-private/&lt;hex&gt;</c>.</summary>
public sealed class PrivateKey
{
    private readonly byte[] _bytes;

    private PrivateKey(Algorithm algorithm, byte[] bytes, PublicKey publicKey)
    {
        Algorithm = algorithm;
        _bytes = bytes;
        PublicKey = publicKey;
    }

    public Algorithm Algorithm { get; }

    /// <summary>The matching public key.</summary>
    public PublicKey PublicKey { get; }

    internal byte[] Raw => _bytes;

    /// <summary>Wraps raw private key bytes, deriving the public key.</summary>
    public static PrivateKey FromBytes(Algorithm algorithm, ReadOnlySpan<byte> bytes)
    {
        if (!Enum.IsDefined(algorithm))
        {
            throw new BiscuitException(BiscuitErrorKind.InvalidKey, $"unknown key algorithm {(int)algorithm}");
        }

        var scheme = SignatureSchemes.For(algorithm);
        if (bytes.Length != scheme.PrivateKeyLength)
        {
            throw new BiscuitException(BiscuitErrorKind.InvalidKey, $"{AlgorithmNames.Of(algorithm)} private keys are {scheme.PrivateKeyLength} bytes");
        }

        var publicKey = PublicKey.FromBytes(algorithm, scheme.DerivePublicKey(bytes));
        return new PrivateKey(algorithm, bytes.ToArray(), publicKey);
    }

    /// <summary>Parses <c>ed25519-private/&lt;hex&gt;</c>, <c>secp256r1-private/&lt;hex&gt;</c>, or bare hex (Ed25519).</summary>
    public static PrivateKey Parse(string text)
    {
        var (algorithm, hex) = AlgorithmNames.Split(text, "-private");
        return FromBytes(algorithm, Hex.Decode(hex, BiscuitErrorKind.InvalidKey));
    }

    /// <summary>Generates a fresh random key.</summary>
    public static PrivateKey Generate(Algorithm algorithm = Algorithm.Ed25519) =>
        FromBytes(algorithm, SignatureSchemes.For(algorithm).GeneratePrivateKey());

    /// <summary>Whether raw private key bytes belong to a public key, without building key objects (used for the token proof).</summary>
    internal static bool Matches(PublicKey publicKey, ReadOnlySpan<byte> privateKey)
    {
        var scheme = SignatureSchemes.For(publicKey.Algorithm);
        return privateKey.Length == scheme.PrivateKeyLength && scheme.DerivePublicKey(privateKey).AsSpan().SequenceEqual(publicKey.Raw);
    }

    /// <summary>Raw key bytes; handle with care.</summary>
    public byte[] ToBytes() => (byte[])_bytes.Clone();

    /// <summary>Lower-case hex of the raw key bytes.</summary>
    public string ToHex() => Hex.Encode(_bytes);

    /// <summary>Signs data (Ed25519: 64-byte signature; P-256: DER over SHA-256).</summary>
    public byte[] Sign(ReadOnlySpan<byte> data) => SignatureSchemes.For(Algorithm).Sign(_bytes, data);

    /// <summary>The text form, e.g. <c>ed25519-private/99e8…</c>. Deliberately not <see cref="object.ToString"/> to avoid leaking keys in logs.</summary>
    public string ToText() => AlgorithmNames.Of(Algorithm) + "-private/" + ToHex();
}
