using System.Security.Cryptography;
using System.Text;

namespace Hook0.Receiver.Cryptography;

/// <summary>HMAC-SHA256 over a text prefix followed by the raw body, the shape both schemes sign.</summary>
internal static class Hmac
{
    public static byte[] Compute(byte[] key, string prefix, byte[] body)
    {
        // Incremental, so a large body is hashed where it lies instead of being copied behind the prefix.
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(Encoding.UTF8.GetBytes(prefix));
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }

    /// <summary>Constant time in the length of the codes, so timing never reveals how many leading bytes were right.</summary>
    public static bool FixedTimeEquals(byte[] left, byte[] right)
    {
#if NET
        return CryptographicOperations.FixedTimeEquals(left, right);
#else
        if (left.Length != right.Length)
        {
            return false;
        }

        var difference = 0;
        for (var i = 0; i < left.Length; i++)
        {
            difference |= left[i] ^ right[i];
        }

        return difference == 0;
#endif
    }
}
