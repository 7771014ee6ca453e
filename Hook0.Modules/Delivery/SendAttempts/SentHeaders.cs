using System.Text.Json;
using Hook0.Modules.Delivery.Lifecycle;

namespace Hook0.Modules.Delivery.SendAttempts;

/// <summary>
/// The request's headers as the history keeps them: every header as sent, except that the values of the
/// subscription's own target headers (they often carry an API key) and of credential-like headers are
/// masked before they are written. Signatures stay: they prove what was sent and reveal no key.
/// </summary>
internal static class SentHeaders
{
    public const string Mask = "***";

    private static readonly string[] CredentialWords = ["authorization", "cookie", "api-key", "apikey", "token", "secret", "password"];

    public static string Masked(ClaimedAttempt attempt, IReadOnlyList<KeyValuePair<string, string>> headers, IReadOnlyList<KeyValuePair<string, string>> signatures)
    {
        var custom = new HashSet<string>(attempt.TargetHeaders.Keys, StringComparer.OrdinalIgnoreCase);
        var sent = new Dictionary<string, string>(headers.Count + signatures.Count, StringComparer.Ordinal);
        foreach (var (name, value) in headers.Concat(signatures))
        {
            var lower = name.ToLowerInvariant();
            sent[lower] = custom.Contains(name) || CredentialWords.Any(lower.Contains) ? Mask : value;
        }

        return JsonSerializer.Serialize(sent);
    }
}
