namespace Hook0.Biscuit.Crypto;

/// <summary>Signature algorithms a Biscuit key can use (wire values of <c>PublicKey.Algorithm</c>).</summary>
public enum Algorithm
{
    /// <summary>Ed25519 (RFC 8032).</summary>
    Ed25519 = 0,
    /// <summary>ECDSA over NIST P-256 (secp256r1) with SHA-256 and DER signatures.</summary>
    Secp256r1 = 1,
}
