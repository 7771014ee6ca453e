using Hook0.Biscuit.Errors;

namespace Hook0.Biscuit.Crypto;

internal static class Hex
{
    public static string Encode(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    public static byte[] Decode(string hex, BiscuitErrorKind errorKind)
    {
        try
        {
            return Convert.FromHexString(hex);
        }
        catch (FormatException e)
        {
            throw new BiscuitException(errorKind, $"invalid hexadecimal string: {e.Message}", e);
        }
    }
}
