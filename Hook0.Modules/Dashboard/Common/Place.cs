using System.Text.RegularExpressions;

namespace Hook0.Modules.Dashboard.Common;

/// <summary>Which organization and application an address is about (the chrome highlights them).</summary>
public static partial class Place
{
    public static Guid? Organization(string uri) => Match(OrganizationPattern(), uri);

    public static Guid? Application(string uri) => Match(ApplicationPattern(), uri);

    private static Guid? Match(Regex pattern, string uri)
        => pattern.Match(uri) is { Success: true } m && Guid.TryParse(m.Groups[1].Value, out var id) ? id : null;

    [GeneratedRegex(@"/organizations/([0-9a-fA-F-]{36})(?:[/?#]|$)")]
    private static partial Regex OrganizationPattern();

    [GeneratedRegex(@"/applications/([0-9a-fA-F-]{36})(?:[/?#]|$)")]
    private static partial Regex ApplicationPattern();
}
