using System.Security.Cryptography;
using System.Text;

namespace Hook0.Modules.Delivery.Sending.Signing;

/// <summary>The HMAC-SHA256 both signer and verifier compute: a text prefix followed by the raw payload.</summary>
internal static class SignatureCode
{
    public static string Compute(byte[] key, string prefix, ReadOnlySpan<byte> payload) =>
        Convert.ToHexStringLower(ComputeBytes(key, prefix, payload));

    // UTF-8 is what receivers (the TypeScript SDK) hash header text as; for the visible-ASCII text the
    // signer produces it is byte-for-byte ASCII.
    public static byte[] ComputeBytes(byte[] key, string prefix, ReadOnlySpan<byte> payload)
    {
        // Incremental so a large payload is hashed in place instead of being copied behind the prefix.
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(Encoding.UTF8.GetBytes(prefix));
        hmac.AppendData(payload);
        return hmac.GetHashAndReset();
    }
}
