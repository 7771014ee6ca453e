using Hook0.Biscuit.Errors;

namespace Hook0.Biscuit.Crypto;

/// <summary>A public key: Ed25519 (32 bytes) or P-256 (33-byte compressed point). Text form <c>ed25519/&lt;hex&gt;</c>.</summary>
public sealed class PublicKey : IEquatable<PublicKey>
{
    private readonly byte[] _bytes;
    private readonly object _prepared;

    private PublicKey(Algorithm algorithm, byte[] bytes, object prepared)
    {
        Algorithm = algorithm;
        _bytes = bytes;
        _prepared = prepared;
    }

    public Algorithm Algorithm { get; }

    /// <summary>Raw key bytes as stored in tokens.</summary>
    public ReadOnlyMemory<byte> Bytes => _bytes;

    internal byte[] Raw => _bytes;

    /// <summary>Validates and wraps raw key bytes.</summary>
    public static PublicKey FromBytes(Algorithm algorithm, ReadOnlySpan<byte> bytes)
    {
        if (!Enum.IsDefined(algorithm))
        {
            throw new BiscuitException(BiscuitErrorKind.InvalidKey, $"unknown key algorithm {(int)algorithm}");
        }

        var prepared = SignatureSchemes.For(algorithm).Prepare(bytes);
        return new PublicKey(algorithm, bytes.ToArray(), prepared);
    }

    /// <summary>Parses <c>ed25519/&lt;hex&gt;</c>, <c>secp256r1/&lt;hex&gt;</c>, or bare hex (Ed25519).</summary>
    public static PublicKey Parse(string text)
    {
        var (algorithm, hex) = AlgorithmNames.Split(text, string.Empty);
        return FromBytes(algorithm, Hex.Decode(hex, BiscuitErrorKind.InvalidKey));
    }

    /// <summary>Lower-case hex of the raw key bytes.</summary>
    public string ToHex() => Hex.Encode(_bytes);

    /// <summary>Verifies a signature; returns false when it does not verify, throws on malformed signatures.</summary>
    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
        SignatureSchemes.For(Algorithm).Verify(_prepared, data, signature);

    public bool Equals(PublicKey? other) =>
        other is not null && other.Algorithm == Algorithm && other._bytes.AsSpan().SequenceEqual(_bytes);

    public override bool Equals(object? obj) => obj is PublicKey k && Equals(k);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Algorithm);
        hash.AddBytes(_bytes);
        return hash.ToHashCode();
    }

    /// <summary>The text form, e.g. <c>ed25519/acdd…</c>.</summary>
    public override string ToString() => AlgorithmNames.Of(Algorithm) + "/" + ToHex();
}
