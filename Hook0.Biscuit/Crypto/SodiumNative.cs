using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Hook0.Biscuit.Crypto;

/// <summary>
/// Direct calls into the libsodium that NSec bundles. NSec only derives a public key by importing
/// the private key into guarded memory, which costs several times the derivation itself; checking
/// a token's proof does this on every request, so it calls libsodium directly.
/// </summary>
internal static class SodiumNative
{
    [DllImport("libsodium", CallingConvention = CallingConvention.Cdecl)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.AssemblyDirectory | DllImportSearchPath.SafeDirectories)]
    private static extern int crypto_sign_ed25519_seed_keypair(byte[] publicKey, byte[] secretKey, byte[] seed);

    /// <summary>The Ed25519 public key of a 32-byte seed. Callers must have initialised libsodium through NSec first.</summary>
    public static byte[] Ed25519PublicKeyFromSeed(ReadOnlySpan<byte> seed)
    {
        var publicKey = new byte[32];
        var secretKey = new byte[64];
        var seedCopy = seed.ToArray();
        try
        {
            if (crypto_sign_ed25519_seed_keypair(publicKey, secretKey, seedCopy) != 0)
            {
                throw new Errors.BiscuitException(Errors.BiscuitErrorKind.InvalidKey, "invalid Ed25519 private key");
            }

            return publicKey;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secretKey);
            CryptographicOperations.ZeroMemory(seedCopy);
        }
    }
}
