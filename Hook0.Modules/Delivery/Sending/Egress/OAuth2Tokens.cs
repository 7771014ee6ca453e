using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;
using Hook0.Modules.Delivery.Secrets;
using Microsoft.Extensions.Options;

namespace Hook0.Modules.Delivery.Sending.Egress;

/// <summary>
/// OAuth2 client-credentials tokens of the subscriptions, per instance (each instance fetches its own; ADR 0031).
/// One fetch is shared by every attempt that needs the token meanwhile (single flight); the token is reused until
/// shortly before its expiry, and dropped when the receiver refuses it (the caller then asks again, once). The token
/// endpoint is called through the attempt's own SSRF-guarded client (and proxy).
/// </summary>
internal sealed class OAuth2Tokens(SecretProtector protector, TimeProvider time, IOptions<DeliveryOptions> options)
{
    private const int CacheLimit = 10_000;
    private const int MaxAnswerBytes = 64 * 1024;
    private static readonly TimeSpan DefaultLifetime = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MaxMargin = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, Task<OAuth2Token>> _tokens = new(StringComparer.Ordinal);

    /// <summary>The subscription's access token; <paramref name="refused"/> is one the receiver just answered 401 to.</summary>
    /// <exception cref="OAuth2TokenException">No token could be obtained (the attempt's <c>E_OAUTH2</c>).</exception>
    public async Task<string> GetAsync(Guid subscriptionId, OAuth2Settings settings, HttpClient client, string? refused = null)
    {
        // The stored settings are part of the key: an edit of the credentials never reuses the former token.
        var key = $"{subscriptionId:N}|{settings.TokenUrl}|{settings.ClientId}|{settings.SealedClientSecret}|{string.Join(' ', settings.Scopes)}|{settings.Audience}";
        for (var tries = 0; ; tries++)
        {
            var fetch = _tokens.GetOrAdd(key, _ =>
            {
                if (_tokens.Count >= CacheLimit)
                {
                    _tokens.Clear();
                }

                return FetchAsync(settings, client);
            });
            OAuth2Token token;
            try
            {
                token = await fetch;
            }
            catch (OAuth2TokenException)
            {
                // A failed fetch is not cached: the next attempt (a retry) asks the endpoint again.
                _tokens.TryRemove(new KeyValuePair<string, Task<OAuth2Token>>(key, fetch));
                throw;
            }

            if (tries == 0 && (token.RefreshAt <= time.GetUtcNow() || token.AccessToken == refused))
            {
                _tokens.TryRemove(new KeyValuePair<string, Task<OAuth2Token>>(key, fetch));
                continue;
            }

            return token.AccessToken;
        }
    }

    private async Task<OAuth2Token> FetchAsync(OAuth2Settings settings, HttpClient client)
    {
        // Not the caller's token: the fetch is shared, and one caller's cancellation must not fail the others.
        using var timeout = new CancellationTokenSource(options.Value.TimeoutMs);
        var form = new List<KeyValuePair<string, string>> { new("grant_type", "client_credentials") };
        if (settings.Scopes.Count > 0)
        {
            form.Add(new("scope", string.Join(' ', settings.Scopes)));
        }

        if (settings.Audience is not null)
        {
            form.Add(new("audience", settings.Audience));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, settings.TokenUrl) { Content = new FormUrlEncodedContent(form) };
        // RFC 6749 §2.3.1: client_secret_basic, each part form-encoded first.
        var basic = $"{Uri.EscapeDataString(settings.ClientId)}:{Uri.EscapeDataString(protector.Unprotect(settings.SealedClientSecret))}";
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(basic)));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var fetchedAt = time.GetUtcNow();
        JsonElement answer;
        int status;
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            status = (int)response.StatusCode;
            answer = await ReadAnswerAsync(response, timeout.Token);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or JsonException or IOException)
        {
            throw new OAuth2TokenException($"Token endpoint {settings.TokenUrl} could not be used: {e.GetBaseException().Message}");
        }

        if (status is < 200 or > 299)
        {
            // RFC 6749 §5.2's error and description say why (e.g. invalid_client); they carry no secret.
            throw new OAuth2TokenException($"Token endpoint {settings.TokenUrl} answered HTTP {status}{Member(answer, "error", ": ")}{Member(answer, "error_description", " (", ")")}.");
        }

        if (answer.ValueKind != JsonValueKind.Object || !answer.TryGetProperty("access_token", out var accessToken)
            || accessToken.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(accessToken.GetString()))
        {
            throw new OAuth2TokenException($"Token endpoint {settings.TokenUrl} answered without an access_token.");
        }

        var lifetime = answer.TryGetProperty("expires_in", out var expiresIn) && expiresIn.ValueKind == JsonValueKind.Number && expiresIn.TryGetDouble(out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(Math.Min(seconds, TimeSpan.FromDays(365).TotalSeconds))
            : DefaultLifetime;
        // Renewed shortly before it expires: a tenth of its lifetime ahead, at most 30 s, so no delivery carries a token about to lapse.
        var margin = TimeSpan.FromTicks(Math.Min(MaxMargin.Ticks, lifetime.Ticks / 10));
        return new OAuth2Token(accessToken.GetString()!, fetchedAt + lifetime - margin);
    }

    private static async Task<JsonElement> ReadAnswerAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[MaxAnswerBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }

        if (length > MaxAnswerBytes)
        {
            throw new OAuth2TokenException($"Token endpoint answer over {MaxAnswerBytes} bytes.");
        }

        try
        {
            using var document = JsonDocument.Parse(buffer.AsMemory(0, length), new JsonDocumentOptions { MaxDepth = 16 });
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return default; // a non-JSON answer: its status says what happened
        }
    }

    private static string Member(JsonElement answer, string name, string prefix, string suffix = "")
        => answer.ValueKind == JsonValueKind.Object && answer.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? prefix + new string([.. v.GetString()!.Take(200).Where(c => !char.IsControl(c))]) + suffix
            : string.Empty;

    private sealed record OAuth2Token(string AccessToken, DateTimeOffset RefreshAt);
}
