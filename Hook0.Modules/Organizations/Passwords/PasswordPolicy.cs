using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Organizations.Settings;
using Microsoft.Extensions.Options;

namespace Hook0.Modules.Organizations.Passwords;

/// <summary>
/// Upstream's password policy (reference §6.7), applied on registration, reset and change: a length
/// floor and ceiling, enough variety, not built from the owner's e-mail address or name, and not a
/// common password — no composition rules, which mostly push people to predictable substitutions.
/// </summary>
internal sealed class PasswordPolicy(IOptions<IdentityOptions> options)
{
    /// <summary>Argon2 would hash megabytes: the ceiling bounds the CPU a request body can buy.</summary>
    public const int MaximumLength = 100;

    /// <summary>Fewer distinct characters than this is a repetition ("aaaa…") or an alternation ("abab…").</summary>
    private const int MinimumDistinctCharacters = 4;

    /// <summary>Shorter identity fragments ("Li", "Ito") would refuse unrelated passwords that merely contain them.</summary>
    private const int MinimumFragmentLength = 4;

    /// <summary>What must remain once an identity fragment is taken out for the fragment to be incidental.</summary>
    private const int MinimumRemainder = 8;

    /// <summary>The first rule the password breaks, as the problem to answer; null when it is acceptable.</summary>
    public ProblemException? Check(string password, PasswordOwner owner)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(owner);
        var minimum = options.Value.PasswordMinimumLength;
        var length = Lookalikes.Length(password);
        if (length < minimum)
        {
            return Problems.PasswordTooShort.With($"The password must be at least {minimum} characters long.");
        }

        if (length > MaximumLength)
        {
            return Problems.PasswordTooLong.With($"The password must be at most {MaximumLength} characters long.");
        }

        if (!IsDiverse(password))
        {
            return Problems.PasswordNotDiverseEnough.ToException();
        }

        if (IdentityRejection(password, owner) is { } similar)
        {
            return similar.ToException();
        }

        return CommonPasswords.Contains(password) ? Problems.PasswordTooCommon.ToException() : null;
    }

    /// <summary>Throws the problem <see cref="Check"/> finds.</summary>
    public void Enforce(string password, PasswordOwner owner)
    {
        if (Check(password, owner) is { } problem)
        {
            throw problem;
        }
    }

    private static bool IsDiverse(string password)
    {
        var runes = password.EnumerateRunes().ToArray();
        if (runes.Distinct().Count() < MinimumDistinctCharacters)
        {
            return false;
        }

        // "abcdabcdabcd" clears the distinct-character count with the entropy of four characters.
        for (var unit = 1; unit <= runes.Length / 2; unit++)
        {
            if (runes.Length % unit == 0 && IsRepeated(runes, unit))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsRepeated(ReadOnlySpan<System.Text.Rune> runes, int unit)
    {
        for (var i = unit; i < runes.Length; i += unit)
        {
            if (!runes.Slice(i, unit).SequenceEqual(runes[..unit]))
            {
                return false;
            }
        }

        return true;
    }

    private static Problem? IdentityRejection(string password, PasswordOwner owner)
    {
        var folded = Lookalikes.FoldIdentity(password);
        if (folded.Length == 0)
        {
            return null;
        }

        var email = owner.Email ?? string.Empty;
        var at = email.IndexOf('@', StringComparison.Ordinal);
        var (localPart, domain) = at < 0 ? (email, string.Empty) : (email[..at], email[(at + 1)..]);

        // Equal to the address or its local part: refused whatever the length.
        if (Lookalikes.FoldIdentity(email) == folded || Lookalikes.FoldIdentity(localPart) == folded)
        {
            return Problems.PasswordSimilarToEmail;
        }

        // Then containment, in upstream's order (the first match names the reason). The whole address is
        // a fragment of its own so that its public domain does not count as the secret part.
        List<(Problem Reason, string Value)> fragments = [(Problems.PasswordSimilarToEmail, email), (Problems.PasswordSimilarToEmail, localPart), (Problems.PasswordSimilarToEmail, domain)];
        fragments.AddRange(localPart.Split(['.', '_', '-', '+']).Select(part => (Problems.PasswordSimilarToEmail, part)));
        fragments.Add((Problems.PasswordSimilarToName, owner.FirstName ?? string.Empty));
        fragments.Add((Problems.PasswordSimilarToName, owner.LastName ?? string.Empty));

        var passwordLength = Lookalikes.Length(folded);
        foreach (var (reason, value) in fragments)
        {
            var fragment = Lookalikes.FoldIdentity(value);
            var fragmentLength = Lookalikes.Length(fragment);
            if (fragmentLength < MinimumFragmentLength)
            {
                continue;
            }

            if (fragment.Contains(folded, StringComparison.Ordinal)
                || (folded.Contains(fragment, StringComparison.Ordinal) && passwordLength - fragmentLength < MinimumRemainder))
            {
                return reason;
            }
        }

        return null;
    }
}
