namespace Hook0.Biscuit.Crypto;

/// <summary>A private key with its public key.</summary>
public sealed class KeyPair
{
    public KeyPair(PrivateKey privateKey)
    {
        ArgumentNullException.ThrowIfNull(privateKey);
        PrivateKey = privateKey;
    }

    public PrivateKey PrivateKey { get; }

    public PublicKey PublicKey => PrivateKey.PublicKey;

    public Algorithm Algorithm => PrivateKey.Algorithm;

    /// <summary>Generates a fresh random key pair.</summary>
    public static KeyPair Generate(Algorithm algorithm = Algorithm.Ed25519) => new(PrivateKey.Generate(algorithm));

    /// <summary>Builds a key pair from a private key in text form (<c>ed25519-private/&lt;hex&gt;</c> or bare hex).</summary>
    public static KeyPair FromPrivateKey(string text) => new(PrivateKey.Parse(text));
}
