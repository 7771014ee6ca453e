using System.Text;

namespace Hook0.Modules.Organizations.Passwords;

/// <summary>
/// Undoes the digit and symbol disguises people put on a word ("P@ssw0rd" is "password"), so that a
/// disguised word is compared as the word itself.
/// </summary>
internal static class Lookalikes
{
    /// <summary>Folds a lower-cased value; <paramref name="one"/> is how '1' is read ('i' or 'l' look alike).</summary>
    public static string Fold(string lowercased, char one = 'i')
    {
        var builder = new StringBuilder(lowercased.Length);
        foreach (var c in lowercased)
        {
            builder.Append(c switch
            {
                '0' => 'o',
                '1' => one,
                '3' => 'e',
                '4' => 'a',
                '5' => 's',
                '7' => 't',
                '8' => 'b',
                '@' => 'a',
                '$' => 's',
                '!' => 'i',
                _ => c,
            });
        }

        return builder.ToString();
    }

    /// <summary>
    /// The letters and digits a person recognises in a value, folded: <c>Jordan.Rivera+hook0@example.com</c>
    /// and <c>jordan rivera</c> compare on content, not punctuation or case.
    /// </summary>
    public static string FoldIdentity(string value)
    {
        var folded = Fold(value.ToLowerInvariant());
        var builder = new StringBuilder(folded.Length);
        foreach (var rune in folded.EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune))
            {
                builder.Append(rune.ToString());
            }
        }

        return builder.ToString();
    }

    /// <summary>Length in characters as a user counts them (Unicode scalar values), not UTF-16 units.</summary>
    public static int Length(string value)
    {
        var count = 0;
        foreach (var _ in value.EnumerateRunes())
        {
            count++;
        }

        return count;
    }
}
