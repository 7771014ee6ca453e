namespace Hook0.Modules.Delivery.Subscriptions;

/// <summary>RFC 9110 header syntax (ASCII only, so bytes equal characters): a stored custom header can always be sent.</summary>
internal static class HttpHeaderRules
{
    private const int MaxBytes = 500;
    private const string TokenSymbols = "!#$%&'*+-.^_`|~";

    public static bool IsValidName(string name)
        => name.Length is > 0 and <= MaxBytes && name.All(c => c < 128 && (char.IsAsciiLetterOrDigit(c) || TokenSymbols.Contains(c, StringComparison.Ordinal)));

    public static bool IsValidValue(string? value)
        => value is not null
           && value.Length <= MaxBytes
           && value.All(c => c == '\t' || (c >= 0x20 && c < 0x7F))
           && value == value.Trim(' ', '\t');
}
