using System.Text.Json;

namespace Hook0.Modules.Delivery.Subscriptions;

/// <summary>
/// A subscription's <c>oauth2</c> member as sent (ADR 0031): the client-credentials grant deliveries authenticate
/// with. Read by hand from the JSON so each member gets its own validation message; the secret is write-only.
/// </summary>
internal sealed record OAuth2Input(string TokenUrl, string ClientId, string ClientSecret, IReadOnlyList<string> Scopes, string? Audience)
{
    private const int MaxScopes = 20;

    /// <summary>The input, or null with <paramref name="errors"/> filled (field, message) when it is malformed.</summary>
    public static OAuth2Input? Read(JsonElement value, List<(string Field, string Message)> errors)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Add(("oauth2", "must be an object with token_url, client_id and client_secret, or null"));
            return null;
        }

        var tokenUrl = Text(value, "token_url", 1, 1000, errors);
        if (tokenUrl is not null && (!Uri.TryCreate(tokenUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || string.IsNullOrEmpty(url.Host)))
        {
            errors.Add(("oauth2.token_url", "must be an absolute http or https URL with a host"));
        }

        var clientId = Text(value, "client_id", 1, 500, errors);
        var clientSecret = Text(value, "client_secret", 1, 2000, errors);
        string? audience = null;
        if (value.TryGetProperty("audience", out var a) && a.ValueKind != JsonValueKind.Null)
        {
            audience = Text(value, "audience", 1, 500, errors);
        }

        var scopes = new List<string>();
        if (value.TryGetProperty("scopes", out var s) && s.ValueKind != JsonValueKind.Null)
        {
            if (s.ValueKind != JsonValueKind.Array || s.GetArrayLength() > MaxScopes
                || s.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String || !IsScope(e.GetString()!)))
            {
                errors.Add(("oauth2.scopes", $"must be a list of at most {MaxScopes} scopes of 1 to 200 printable characters without spaces"));
            }
            else
            {
                scopes.AddRange(s.EnumerateArray().Select(e => e.GetString()!));
            }
        }

        return errors.Count == 0 ? new OAuth2Input(tokenUrl!, clientId!, clientSecret!, scopes, audience) : null;
    }

    private static string? Text(JsonElement value, string name, int min, int max, List<(string Field, string Message)> errors)
    {
        if (value.TryGetProperty(name, out var member) && member.ValueKind == JsonValueKind.String
            && member.GetString() is { } text && text.Length >= min && text.Length <= max && !text.Any(char.IsControl))
        {
            return text;
        }

        errors.Add(($"oauth2.{name}", $"must be a string of {min} to {max} characters without control characters"));
        return null;
    }

    // RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E )
    private static bool IsScope(string scope)
        => scope.Length is >= 1 and <= 200 && scope.All(c => c is '\x21' or (>= '\x23' and <= '\x5B') or (>= '\x5D' and <= '\x7E'));
}
