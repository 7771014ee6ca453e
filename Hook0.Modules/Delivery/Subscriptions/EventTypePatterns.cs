using System.Text;

namespace Hook0.Modules.Delivery.Subscriptions;

/// <summary>
/// Event-type filters beyond upstream: an entry containing <c>*</c> is a pattern where <c>*</c> stands
/// for one whole dotted segment (<c>billing.*.created</c>, <c>billing.invoice.*</c>, <c>*.*.*</c>).
/// </summary>
internal static class EventTypePatterns
{
    private const string RegexSpecials = "\\.^$|?*+()[]{}";

    public static bool IsPattern(string entry) => entry.Contains('*', StringComparison.Ordinal);

    /// <summary>Every segment non-empty, and <c>*</c> never mixed with other characters in a segment.</summary>
    public static bool IsWellFormed(string entry)
        => entry.Split('.').All(segment => segment.Length > 0 && (segment == "*" || !segment.Contains('*', StringComparison.Ordinal)));

    /// <summary>An anchored PostgreSQL regular expression equivalent to the pattern.</summary>
    public static string ToRegex(string pattern)
    {
        var regex = new StringBuilder("^");
        var segments = pattern.Split('.');
        for (var i = 0; i < segments.Length; i++)
        {
            if (i > 0)
            {
                regex.Append("\\.");
            }

            if (segments[i] == "*")
            {
                regex.Append("[^.]+");
                continue;
            }

            foreach (var c in segments[i])
            {
                if (RegexSpecials.Contains(c, StringComparison.Ordinal))
                {
                    regex.Append('\\');
                }

                regex.Append(c);
            }
        }

        return regex.Append('$').ToString();
    }
}
