using System.Text.Json;
using Hook0.Modules.Delivery.Lifecycle;

namespace Hook0.Modules.Delivery.Sending;

/// <summary>
/// The request's headers as the history keeps them: every header as sent, except that the values of the
/// subscription's own target headers (they often carry an API key) and of credential-like headers are
/// masked before they are written. Signatures stay: they prove what was sent and reveal no key. The request line is kept
/// with them as the pseudo-headers <c>:method</c> and <c>:url</c> (as HTTP/2 spells its request line), the URL's
/// credential-like query values masked, so the history shows the request as sent even after the subscription changes.
/// </summary>
internal static class SentHeaders
{
    public const string Mask = "***";

    /// <summary>The request line's pseudo-headers in the kept headers.</summary>
    public const string MethodKey = ":method", UrlKey = ":url";

    /// <summary>The <c>EGRESS_PROXIES</c> name the request went through, kept as a pseudo-header (absent when direct).</summary>
    public const string ProxyKey = ":proxy";

    private static readonly string[] CredentialWords = ["authorization", "cookie", "api-key", "apikey", "token", "secret", "password"];

    public static string Masked(ClaimedAttempt attempt, IReadOnlyList<KeyValuePair<string, string>> headers, IReadOnlyList<KeyValuePair<string, string>> signatures,
        string? proxy = null)
    {
        var custom = new HashSet<string>(attempt.TargetHeaders.Keys, StringComparer.OrdinalIgnoreCase);
        var sent = new Dictionary<string, string>(headers.Count + signatures.Count + 2, StringComparer.Ordinal)
        {
            [MethodKey] = attempt.Method,
            [UrlKey] = MaskedUrl(attempt.Url),
        };
        if (proxy is not null)
        {
            sent[ProxyKey] = proxy;
        }

        foreach (var (name, value) in headers.Concat(signatures))
        {
            var lower = name.ToLowerInvariant();
            sent[lower] = custom.Contains(name) || CredentialWords.Any(lower.Contains) ? Mask : value;
        }

        return JsonSerializer.Serialize(sent);
    }

    /// <summary>
    /// The URL with its user information (<c>https://user:password@…</c>) and the values of credential-like query
    /// parameters (<c>?token=…</c>, <c>api_key</c>…) masked.
    /// </summary>
    public static string MaskedUrl(string url)
    {
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        var at = scheme < 0 ? -1 : url.IndexOf('@', scheme + 3);
        var pathStart = scheme < 0 ? -1 : url.IndexOfAny(['/', '?', '#'], scheme + 3);
        if (at >= 0 && (pathStart < 0 || at < pathStart))
        {
            url = url[..(scheme + 3)] + Mask + url[at..];
        }

        var query = url.IndexOf('?', StringComparison.Ordinal);
        if (query < 0)
        {
            return url;
        }

        var fragment = url.IndexOf('#', query);
        var end = fragment < 0 ? url.Length : fragment;
        var pairs = url[(query + 1)..end].Split('&').Select(pair =>
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = (equals < 0 ? pair : pair[..equals]).ToLowerInvariant().Replace('_', '-');
            return equals >= 0 && (CredentialWords.Any(name.Contains) || name is "key" or "sig" or "signature") ? pair[..(equals + 1)] + Mask : pair;
        });
        return url[..(query + 1)] + string.Join('&', pairs) + url[end..];
    }
}
