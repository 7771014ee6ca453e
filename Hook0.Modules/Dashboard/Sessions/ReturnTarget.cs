using System.Globalization;

namespace Hook0.Modules.Dashboard.Sessions;

/// <summary>
/// Where a sign-in may send the browser back to: a path on this site, nothing else. Browsers strip
/// tabs and newlines from URLs and read <c>\</c> as <c>/</c> (WHATWG URL), so <c>/%09/evil.example</c>
/// or <c>/\evil.example</c> would leave the site: such characters are refused outright, in the raw text and
/// in every percent-decoded form, and the answer is rebuilt from the parsed URI (always ASCII, so the
/// <c>Location</c> header can be written: a non-ASCII target once made the redirect a 500).
/// </summary>
public static class ReturnTarget
{
    public const string Home = "/";

    /// <summary>Longer targets are not a dashboard page; refusing them bounds the work below.</summary>
    public const int MaximumLength = 2048;

    /// <summary>Percent-decoding rounds checked: a doubly encoded <c>%252F</c> is still caught.</summary>
    private const int DecodingRounds = 3;

    private static readonly Uri Site = new("https://site.invalid/");

    public static string LocalOrHome(string? requested)
    {
        if (string.IsNullOrEmpty(requested) || requested.Length > MaximumLength)
        {
            return Home;
        }

        var text = requested;
        for (var round = 0; round <= DecodingRounds; round++)
        {
            if (!LooksLikeALocalPath(text))
            {
                return Home;
            }

            var decoded = Uri.UnescapeDataString(text);
            if (decoded == text)
            {
                break;
            }

            text = decoded;
        }

        if (!Uri.TryCreate(requested, UriKind.Relative, out var relative) || !Uri.TryCreate(Site, relative, out var resolved)
            || resolved.Scheme != Site.Scheme || resolved.Authority != Site.Authority)
        {
            return Home;
        }

        // Resolving removes dot segments, which can make "//" again ("/.//evil.example"): check the result too.
        var target = resolved.PathAndQuery + resolved.Fragment;
        return LooksLikeALocalPath(target) && target.All(c => c is > ' ' and < '\u007f') ? target : Home;
    }

    private static bool LooksLikeALocalPath(string text)
        => text.Length > 0 && text[0] == '/' && !text.StartsWith("//", StringComparison.Ordinal)
            && !text.Any(c => c == '\\' || char.IsControl(c) || char.IsWhiteSpace(c) || IsInvisible(c));

    /// <summary>Format characters (zero-width joiners, bidirectional marks) are invisible and stripped by some parsers.</summary>
    private static bool IsInvisible(char c)
        => CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.OtherNotAssigned;
}
