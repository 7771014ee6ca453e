namespace Hook0.Receiver.Cryptography;

/// <summary>Whole-string hexadecimal decoding: a decoder that stopped at the first bad digit would compare a prefix.</summary>
internal static class Hex
{
    public static byte[]? TryDecode(string text)
    {
        if (text.Length % 2 != 0)
        {
            return null;
        }

        var bytes = new byte[text.Length / 2];
        for (var i = 0; i < bytes.Length; i++)
        {
            var high = Digit(text[2 * i]);
            var low = Digit(text[(2 * i) + 1]);
            if (high < 0 || low < 0)
            {
                return null;
            }

            bytes[i] = (byte)((high << 4) | low);
        }

        return bytes;
    }

    private static int Digit(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
