using Hook0.Biscuit.Errors;

namespace Hook0.Biscuit.Crypto;

/// <summary>Text prefixes of keys: <c>ed25519/…</c>, <c>secp256r1-private/…</c>.</summary>
internal static class AlgorithmNames
{
    public static string Of(Algorithm algorithm) => algorithm switch
    {
        Algorithm.Ed25519 => "ed25519",
        Algorithm.Secp256r1 => "secp256r1",
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    public static (Algorithm Algorithm, string Hex) Split(string text, string suffix)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            // Bare hex is accepted as Ed25519, the historical default.
            return (Algorithm.Ed25519, text);
        }

        var name = text[..slash];
        var algorithm = name == "ed25519" + suffix ? Algorithm.Ed25519
            : name == "secp256r1" + suffix ? Algorithm.Secp256r1
            : throw new BiscuitException(BiscuitErrorKind.InvalidKey, $"unknown key algorithm '{name}'");
        return (algorithm, text[(slash + 1)..]);
    }
}
