namespace Hook0.Biscuit.Crypto;

internal static class SignatureSchemes
{
    private static readonly Ed25519Scheme Ed25519 = new();
    private static readonly P256Scheme P256 = new();

    public static ISignatureScheme For(Algorithm algorithm) => algorithm switch
    {
        Algorithm.Ed25519 => Ed25519,
        Algorithm.Secp256r1 => P256,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };
}
