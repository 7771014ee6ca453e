using System.Collections.Frozen;
using Hook0.Modules.Delivery.Sending.Signing;

namespace Hook0.Modules.Delivery.Subscriptions;

/// <summary>RFC 9110 header syntax (ASCII only, so bytes equal characters): a stored custom header can always be sent.</summary>
internal static class HttpHeaderRules
{
    /// <summary>
    /// Names a subscription may not set: hop-by-hop and message-framing headers (RFC 9110 §7.6.1,
    /// RFC 9112), which would let a tenant re-route the request (<c>Host</c>) or desynchronise its framing,
    /// and the signature headers the worker sets, which a custom value would duplicate or spoof. The
    /// worker's other headers (<c>Content-Type</c>, <c>X-Event-Id</c>, <c>X-Event-Type</c>) stay accepted
    /// and overridden, as upstream does.
    /// </summary>
    private static readonly FrozenSet<string> Reserved = new[]
    {
        "Host", "Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive", "Proxy-Connection", "TE", "Trailer", "Upgrade",
        "Proxy-Authorization", "Proxy-Authenticate", "X-Hook0-Signature", StandardHeaders.Id, StandardHeaders.Timestamp, StandardHeaders.Signature,
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="name"/> is reserved (compared case-insensitively, as HTTP does).</summary>
    public static bool IsReserved(string name, string signatureHeaderName)
        => Reserved.Contains(name) || name.Equals(signatureHeaderName, StringComparison.OrdinalIgnoreCase);

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
