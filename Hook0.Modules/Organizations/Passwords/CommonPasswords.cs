using System.Reflection;

namespace Hook0.Modules.Organizations.Passwords;

/// <summary>
/// The embedded list of the most common passwords (provenance in <c>common-passwords.README.md</c>),
/// recognised as typed, disguised with look-alikes, or padded with digits and symbols at either end.
/// </summary>
internal static class CommonPasswords
{
    /// <summary>Shorter cores are not looked up: "abc" left after trimming says nothing about the password.</summary>
    private const int MinimumCoreLength = 4;

    internal const string ResourceName = "Hook0.Modules.Organizations.Passwords.common-passwords.txt";

    private static readonly Lazy<HashSet<string>> Entries = new(Load);

    /// <summary>How many distinct forms (as listed and folded) are known.</summary>
    public static int Count => Entries.Value.Count;

    public static bool Contains(string password)
    {
        var lowercased = password.ToLowerInvariant();
        // '1' is the one ambiguous glyph (i, l or a digit of the padding), and how it is read decides
        // where the word ends: "baseba112026" is "baseball" + "2026". Every reading is tried.
        foreach (var one in "1il")
        {
            var read = lowercased.Replace('1', one);
            // Padding is trimmed before folding: folded, the digits of "2026" would become letters.
            foreach (var candidate in (ReadOnlySpan<string>)[read, Trim(read, true, true), Trim(read, false, true), Trim(read, true, false)])
            {
                if (Lookalikes.Length(candidate) >= MinimumCoreLength
                    && (Entries.Value.Contains(candidate) || Entries.Value.Contains(Lookalikes.Fold(candidate))))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static string Trim(string candidate, bool start, bool end)
    {
        var span = candidate.AsSpan();
        while (start && span.Length > 0 && IsPadding(span[0]))
        {
            span = span[1..];
        }

        while (end && span.Length > 0 && IsPadding(span[^1]))
        {
            span = span[..^1];
        }

        return span.ToString();
    }

    private static bool IsPadding(char c) => char.IsAscii(c) && (char.IsDigit(c) || char.IsPunctuation(c) || char.IsSymbol(c));

    private static HashSet<string> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        var entries = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            var entry = line.Trim().ToLowerInvariant();
            if (entry.Length > 0)
            {
                // Both forms: a listed disguise ("passw0rd") is matched by the same disguise typed again.
                entries.Add(entry);
                entries.Add(Lookalikes.Fold(entry));
            }
        }

        return entries;
    }
}
