using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Hook0.Biscuit.Errors;

namespace Hook0.Biscuit.Datalog;

/// <summary>
/// Compiled patterns for <c>.matches()</c>. The reference uses a linear-time engine; .NET's
/// non-backtracking engine costs tens of milliseconds to build the first time (enough to trip the
/// authorization time limit), so the interpreter is used with a match timeout instead: a
/// pattern that would backtrack catastrophically ends authorization with a Timeout error.
/// </summary>
internal static class RegexCache
{
    private const int MaxEntries = 512;
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(50);
    private static readonly ConcurrentDictionary<string, Regex?> Cache = new(StringComparer.Ordinal);

    /// <summary>Unanchored search; a pattern that does not compile never matches (not an error, as in the reference).</summary>
    public static bool IsMatch(string pattern, string input)
    {
        if (!Cache.TryGetValue(pattern, out var regex))
        {
            regex = Compile(pattern);
            if (Cache.Count >= MaxEntries)
            {
                Cache.Clear();
            }

            Cache[pattern] = regex;
        }

        try
        {
            return regex?.IsMatch(input) ?? false;
        }
        catch (RegexMatchTimeoutException e)
        {
            throw new RunLimitException(BiscuitErrorKind.Timeout, $"regular expression '{e.Pattern}' took longer than {MatchTimeout.TotalMilliseconds} ms");
        }
    }

    private static Regex? Compile(string pattern)
    {
        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, MatchTimeout);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
