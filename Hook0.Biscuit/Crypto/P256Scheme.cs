using System.Numerics;
using System.Security.Cryptography;
using Hook0.Biscuit.Errors;

namespace Hook0.Biscuit.Crypto;

/// <summary>
/// ECDSA P-256 with SHA-256 and DER signatures on the platform crypto library. Tokens carry
/// compressed SEC1 points, which .NET cannot import, so points are decompressed here.
/// </summary>
internal sealed class P256Scheme : ISignatureScheme
{
    private static readonly BigInteger P = BigInteger.Parse(
        "0FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF", System.Globalization.NumberStyles.HexNumber);

    private static readonly BigInteger B = BigInteger.Parse(
        "05AC635D8AA3A93E7B3EBBD55769886BC651D06B0CC53B0F63BCE3C3E27D2604B", System.Globalization.NumberStyles.HexNumber);

    public int PrivateKeyLength => 32;

    public object Prepare(ReadOnlySpan<byte> publicKey) => Decompress(publicKey);

    public byte[] DerivePublicKey(ReadOnlySpan<byte> privateKey)
    {
        using var ecdsa = ImportPrivate(privateKey);
        return Compress(ecdsa.ExportParameters(false).Q);
    }

    public byte[] GeneratePrivateKey()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return LeftPad(ecdsa.ExportParameters(true).D!);
    }

    public byte[] Sign(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> data)
    {
        using var ecdsa = ImportPrivate(privateKey);
        return ecdsa.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
    }

    public bool Verify(object preparedKey, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (signature.Length is < 8 or > 72 || signature[0] != 0x30)
        {
            throw new TokenFormatException(
                BiscuitErrorKind.InvalidSignatureFormat,
                $"block signature deserialization error: not a DER ECDSA signature ({signature.Length} bytes)");
        }

        using var ecdsa = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = (ECPoint)preparedKey });
        try
        {
            return ecdsa.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException e)
        {
            throw new TokenFormatException(BiscuitErrorKind.InvalidSignatureFormat, "block signature deserialization error: " + e.Message, e);
        }
    }

    private static ECDsa ImportPrivate(ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.Length != 32)
        {
            throw new BiscuitException(BiscuitErrorKind.InvalidKey, "P-256 private keys are 32 bytes");
        }

        try
        {
            // The platform derives Q from D when only the scalar is given.
            return ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = privateKey.ToArray() });
        }
        catch (CryptographicException e)
        {
            throw new BiscuitException(BiscuitErrorKind.InvalidKey, "invalid P-256 private key", e);
        }
    }

    private static ECPoint Decompress(ReadOnlySpan<byte> compressed)
    {
        if (compressed.Length != 33 || (compressed[0] != 2 && compressed[0] != 3))
        {
            throw new BiscuitException(BiscuitErrorKind.InvalidKey, "P-256 public keys must be 33-byte compressed SEC1 points");
        }

        var x = new BigInteger(compressed[1..], isUnsigned: true, isBigEndian: true);
        if (x >= P)
        {
            throw new BiscuitException(BiscuitErrorKind.InvalidKey, "P-256 point coordinate out of range");
        }

        // y² = x³ − 3x + b (mod p); p ≡ 3 (mod 4) so a square root is rhs^((p+1)/4).
        var rhs = Mod((BigInteger.ModPow(x, 3, P) - (3 * x) + B), P);
        var y = BigInteger.ModPow(rhs, (P + 1) / 4, P);
        if (BigInteger.ModPow(y, 2, P) != rhs)
        {
            throw new BiscuitException(BiscuitErrorKind.InvalidKey, "P-256 public key is not on the curve");
        }

        if (y.IsEven != (compressed[0] == 2))
        {
            y = P - y;
        }

        return new ECPoint { X = compressed[1..].ToArray(), Y = LeftPad(y.ToByteArray(isUnsigned: true, isBigEndian: true)) };
    }

    private static byte[] Compress(ECPoint point)
    {
        var result = new byte[33];
        result[0] = (byte)((point.Y![^1] & 1) == 0 ? 2 : 3);
        LeftPad(point.X!).CopyTo(result, 1);
        return result;
    }

    private static byte[] LeftPad(byte[] value)
    {
        if (value.Length == 32)
        {
            return value;
        }

        var padded = new byte[32];
        value.CopyTo(padded, 32 - value.Length);
        return padded;
    }

    private static BigInteger Mod(BigInteger value, BigInteger modulus)
    {
        var r = value % modulus;
        return r.Sign < 0 ? r + modulus : r;
    }
}
