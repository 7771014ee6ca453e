namespace Hook0.Client;

/// <summary>UUIDv7 event ids: time-ordered (the server's indexes like that) and minted client-side for idempotent retries.</summary>
internal static class EventIds
{
    public static Guid NewId()
    {
#if NET
        return Guid.CreateVersion7();
#else
        // RFC 9562 §5.7: 48-bit Unix milliseconds, version 7, variant 10, the rest random.
        var bytes = new byte[16];
        using (var random = System.Security.Cryptography.RandomNumberGenerator.Create())
        {
            random.GetBytes(bytes);
        }

        var milliseconds = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        for (var i = 0; i < 6; i++)
        {
            bytes[i] = (byte)(milliseconds >> (8 * (5 - i)));
        }

        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x70);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(ToHex(bytes));
#endif
    }

#if !NET
    private static string ToHex(byte[] bytes)
    {
        var text = new System.Text.StringBuilder(32);
        foreach (var b in bytes)
        {
            text.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }
#endif
}
