using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;

namespace Hook0.Modules.Organizations.Passwords;

/// <summary>
/// Argon2id password hashes with upstream's parameters (Rust <c>argon2</c> 0.5 defaults: v=19, m=19456 KiB,
/// t=2, p=1, 16-byte random salt, 32-byte hash), stored as PHC strings, so a hash copied from an upstream
/// database verifies here and ours there. Hashing costs tens of milliseconds of CPU and 19 MiB: callers on
/// a request path may want to run it off the request thread.
/// </summary>
internal sealed class PasswordHasher
{
    public const int MemorySizeKib = 19456;
    public const int Passes = 2;
    private const int HashSize = 32;
    private const int SaltSize = 16;
    private const string Prefix = "$argon2id$v=19$";

    // A stored hash names its own cost; these bounds keep a corrupted or planted row from asking for
    // gigabytes or minutes of work on a login.
    private const int MaximumMemorySizeKib = 1024 * 1024;
    private const int MaximumPasses = 64;

    private static readonly SearchValues<char> Base64Alphabet = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");

    private readonly Argon2id _default = Create(MemorySizeKib, Passes);

    // Verifying a login for an unknown e-mail against it costs what a real check costs.
    private readonly string _dummy = Format(MemorySizeKib, Passes, new byte[SaltSize], new byte[HashSize]);

    public string Hash(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var salt = RandomNumberGenerator.GetBytes(SaltSize);
        return Format(MemorySizeKib, Passes, salt, Derive(_default, password, salt, HashSize));
    }

    /// <summary>True when <paramref name="phc"/> is an Argon2id hash of <paramref name="password"/>; false for any malformed or unsupported string.</summary>
    public bool Verify(string password, string phc)
    {
        if (password is null || !TryParse(phc, out var memory, out var passes, out var salt, out var expected))
        {
            return false;
        }

        byte[] actual;
        try
        {
            var algorithm = memory == MemorySizeKib && passes == Passes ? _default : Create(memory, passes);
            if (salt.Length < algorithm.MinSaltSize || salt.Length > algorithm.MaxSaltSize)
            {
                return false; // libsodium takes 16-byte salts only, which is what upstream and we generate
            }

            actual = Derive(algorithm, password, salt, expected.Length);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or CryptographicException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>
    /// Spends what <see cref="Verify"/> spends and answers false: a login for an unknown e-mail must take
    /// as long as one with a wrong password, or timing tells which addresses have accounts.
    /// </summary>
    public bool VerifyDummy(string password)
    {
        _ = Verify(password ?? string.Empty, _dummy);
        return false;
    }

    /// <summary>
    /// Over the password's UTF-8 bytes, as upstream hashes them: NSec's string overload encodes text
    /// otherwise, and its hashes would not verify upstream (the reference vectors in the tests catch it).
    /// </summary>
    private static byte[] Derive(Argon2id algorithm, string password, byte[] salt, int size)
    {
        var bytes = Encoding.UTF8.GetBytes(password);
        try
        {
            return algorithm.DeriveBytes(bytes, salt, size);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    private static Argon2id Create(int memoryKib, int passes)
        => PasswordBasedKeyDerivationAlgorithm.Argon2id(new Argon2Parameters
        {
            DegreeOfParallelism = 1,
            MemorySize = memoryKib,
            NumberOfPasses = passes,
        });

    private static string Format(int memoryKib, int passes, byte[] salt, byte[] hash)
        => string.Create(CultureInfo.InvariantCulture, $"{Prefix}m={memoryKib},t={passes},p=1${Base64NoPadding(salt)}${Base64NoPadding(hash)}");

    private static string Base64NoPadding(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    /// <summary>Reads <c>$argon2id$v=19$m=M,t=T,p=1$salt$hash</c> (PHC, standard base64 without padding).</summary>
    private static bool TryParse(string? phc, out int memory, out int passes, out byte[] salt, out byte[] hash)
    {
        (memory, passes, salt, hash) = (0, 0, [], []);
        if (phc is null || !phc.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = phc[Prefix.Length..].Split('$');
        if (parts.Length != 3 || !TryParseParameters(parts[0], out memory, out passes)
            || !TryDecode(parts[1], out salt) || !TryDecode(parts[2], out hash))
        {
            return false;
        }

        // NSec (libsodium) runs Argon2 with one lane only: p=1, which is what upstream writes.
        return hash.Length is >= 16 and <= 64 && memory is >= 8 and <= MaximumMemorySizeKib && passes is >= 1 and <= MaximumPasses;
    }

    private static bool TryParseParameters(string text, out int memory, out int passes)
    {
        (memory, passes) = (0, 0);
        var parallelism = 0;
        var seen = 0;
        foreach (var pair in text.Split(','))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || !int.TryParse(pair.AsSpan(equals + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return false;
            }

            switch (pair[..equals])
            {
                case "m" when (seen & 1) == 0: memory = value; seen |= 1; break;
                case "t" when (seen & 2) == 0: passes = value; seen |= 2; break;
                case "p" when (seen & 4) == 0: parallelism = value; seen |= 4; break;
                default: return false;
            }
        }

        return seen == 7 && parallelism == 1;
    }

    private static bool TryDecode(string text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length == 0 || text.AsSpan().ContainsAnyExcept(Base64Alphabet) || text.Length % 4 == 1)
        {
            return false;
        }

        var padded = text + new string('=', (4 - text.Length % 4) % 4);
        try
        {
            bytes = Convert.FromBase64String(padded);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
