using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace Hook0.Receiver.Cryptography;

/// <summary>Ed25519 verification (RFC 8032, pure) through BouncyCastle, which builds for netstandard2.0 too.</summary>
internal static class Ed25519Check
{
    public const int PublicKeyLength = 32;
    public const int SignatureLength = 64;

    public static bool Verify(byte[] publicKey, byte[] content, byte[] signature)
    {
        if (signature.Length != SignatureLength)
        {
            return false;
        }

        var verifier = new Ed25519Signer();
        verifier.Init(false, new Ed25519PublicKeyParameters(publicKey, 0));
        verifier.BlockUpdate(content, 0, content.Length);
        return verifier.VerifySignature(signature);
    }
}
