using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Hook0.Modules.Delivery.Lifecycle;
using Hook0.Modules.Delivery.Secrets;
using Hook0.Modules.Delivery.Sending.Egress;
using Hook0.Modules.Delivery.Sending.Errors;
using Hook0.Modules.Delivery.Sending.Signing;
using Microsoft.Extensions.Options;

namespace Hook0.Modules.Delivery.Sending;

/// <summary>
/// Makes the HTTP call of one attempt: the subscription's method, URL and headers, the stored payload
/// bytes as body, upstream's headers (<c>X-Event-Id</c>, <c>X-Event-Type</c>, the signature, the
/// worker's <c>User-Agent</c>) and, per the subscription's <c>signature_schemes</c>, Standard
/// Webhooks' <c>webhook-id</c>, <c>webhook-timestamp</c> and <c>webhook-signature</c> beside (or
/// instead of) <c>X-Hook0-Signature</c>; on the one shared SSRF-guarded handler, with no redirect followed.
/// </summary>
internal sealed class AttemptSender(EgressClients egress, OAuth2Tokens tokens, SigningKeyFactory keyFactory, IOptions<DeliveryOptions> options, TimeProvider time) : IDeliveryTarget
{
    public string Type => ClaimedAttempt.HttpTarget;

    private readonly DeliveryOptions _options = options.Value;
    private readonly SignatureVersions _versions = ParseVersions(options.Value.SignatureVersions);

    public async Task<DeliveryOutcome> SendAsync(ClaimedAttempt attempt, CancellationToken cancellationToken)
    {
        var route = egress.For(attempt);
        var signed = Sign(attempt, out var headers);
        if (!signed.IsSigned)
        {
            return Failure(DeliveryErrorCodes.InvalidHeader, signed.FailureMessage, 0);
        }

        var sent = SentHeaders.Masked(attempt, headers, signed.Signatures, route.Proxy);
        var watch = Stopwatch.StartNew();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.TimeoutMs);
        try
        {
            var token = attempt.OAuth2 is { } oauth2 ? await tokens.GetAsync(attempt.SubscriptionId, oauth2, route.Client) : null;
            using var request = BuildRequest(attempt, headers, signed.Signatures, token);
            using var first = await route.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            // A 401 to our token (revoked, rotated early): one fresh token and one more try, within this same attempt.
            var refused = token is not null && first.StatusCode == System.Net.HttpStatusCode.Unauthorized;
            if (refused)
            {
                first.Dispose();
            }

            using var retry = refused ? BuildRequest(attempt, headers, signed.Signatures, await tokens.GetAsync(attempt.SubscriptionId, attempt.OAuth2!, route.Client, token)) : null;
            using var second = retry is null ? null : await route.Client.SendAsync(retry, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var response = second ?? first;
            var (body, truncated) = await ReadBodyAsync(response, timeout.Token);
            var status = (int)response.StatusCode;
            var succeeded = status is >= 200 and < 300;
            return new DeliveryOutcome(succeeded, succeeded ? null : DeliveryErrorCodes.Http, status, ResponseHeaders(response), body, truncated,
                (int)watch.ElapsedMilliseconds, response.Headers.RetryAfter?.ToString(), sent);
        }
        catch (OperationCanceledException e) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // Our own per-call deadline, whatever socket error the abort surfaced as.
            return Failure(DeliveryErrorCodes.Timeout, $"No complete answer within {_options.TimeoutMs} ms: {e.Message}", (int)watch.ElapsedMilliseconds, sent);
        }
        catch (OAuth2TokenException e)
        {
            return Failure(DeliveryErrorCodes.OAuth2, e.Message, (int)watch.ElapsedMilliseconds, sent);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Anything the call raised is the receiver's or the network's doing: classified and retried as upstream.
            return Failure(DeliveryErrorClassifier.Classify(e), Describe(e), (int)watch.ElapsedMilliseconds, sent);
        }
    }

    /// <summary>
    /// The headers an HTTP delivery of this attempt carries (signatures and User-Agent included) and their masked record,
    /// for a target that carries the request elsewhere (the cli target); null headers and the reason when it cannot be signed.
    /// </summary>
    internal (List<KeyValuePair<string, string>>? Headers, string Failure, string? Sent) SignedHeaders(ClaimedAttempt attempt)
    {
        var signed = Sign(attempt, out var headers);
        return signed.IsSigned
            ? ([.. headers, .. signed.Signatures, new("User-Agent", $"hook0-output-worker/{DeliveryOptions.Version}")], string.Empty,
                SentHeaders.Masked(attempt, headers, signed.Signatures))
            : (null, signed.FailureMessage, null);
    }

    /// <summary>Composes the headers and signs with each scheme the subscription asked for, at one moment.</summary>
    private Signed Sign(ClaimedAttempt attempt, out IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        var schemes = SignatureSchemeNames.Parse(attempt.SignatureSchemes);
        var keys = SigningKeys.Open(attempt, keyFactory);
        IEnumerable<KeyValuePair<string, string>> custom = attempt.TargetHeaders;
        if (schemes.HasFlag(SignatureSchemes.Standard))
        {
            // Ours replace same-named custom headers; dropped before the Hook0 signature covers them.
            custom = custom.Where(h => !StandardHeaders.IsReserved(h.Key));
        }

        headers = DeliveryHeaders.Compose(custom, attempt.PayloadContentType, attempt.EventId, attempt.EventTypeName);
        var now = time.GetUtcNow();
        var signatures = new List<KeyValuePair<string, string>>(4);
        if (schemes.HasFlag(SignatureSchemes.Hook0))
        {
            var hook0 = Hook0Signer.Sign(keys.Hook0Secret, now, [.. headers], attempt.Payload, _versions);
            if (!hook0.IsSigned)
            {
                return new Signed(null, hook0.FailureMessage);
            }

            signatures.Add(new(_options.SignatureHeaderName, hook0.HeaderValue));
        }
        else if (Hook0Signer.FirstInvalidHeader(headers) is { } invalid)
        {
            return new Signed(null, SigningResult.InvalidHeader(invalid).FailureMessage);
        }

        if (schemes.HasFlag(SignatureSchemes.Standard))
        {
            var id = StandardSigner.WebhookId(attempt.EventId, attempt.SubscriptionId);
            signatures.Add(new(StandardHeaders.Id, id));
            signatures.Add(new(StandardHeaders.Timestamp, StandardSigner.Timestamp(now)));
            signatures.Add(new(StandardHeaders.Signature, StandardSigner.Sign(id, now, attempt.Payload, keys.HmacKeys, keys.Ed25519Keys)));
        }

        return new Signed(signatures, string.Empty);
    }

    private static HttpRequestMessage BuildRequest(ClaimedAttempt attempt, IReadOnlyList<KeyValuePair<string, string>> headers, IReadOnlyList<KeyValuePair<string, string>> signatures,
        string? bearer = null)
    {
        var request = new HttpRequestMessage(new HttpMethod(attempt.Method), attempt.Url) { Content = new ByteArrayContent(attempt.Payload) };
        foreach (var (name, value) in headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        foreach (var (name, value) in signatures)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (bearer is not null)
        {
            // Replaces a custom Authorization header: the subscription asked for OAuth2. Not signed (it changes on refresh).
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("hook0-output-worker", DeliveryOptions.Version));
        return request;
    }

    /// <summary>Reads at most the configured cap (plus one byte, to know whether more was sent).</summary>
    private async Task<(byte[] Body, bool Truncated)> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var cap = _options.MaxResponseBodyBytes;
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[Math.Min(cap + 1, 16 * 1024)];
        using var body = new MemoryStream();
        int read;
        while (body.Length <= cap && (read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, cap + 1 - body.Length)), cancellationToken)) > 0)
        {
            body.Write(buffer, 0, read);
        }

        return body.Length > cap ? (body.GetBuffer().AsSpan(0, cap).ToArray(), true) : (body.ToArray(), false);
    }

    private static Dictionary<string, string> ResponseHeaders(HttpResponseMessage response)
        => response.Headers.Concat(response.Content.Headers)
            .GroupBy(h => h.Key.ToLowerInvariant())
            .ToDictionary(g => g.Key, g => string.Join(", ", g.SelectMany(h => h.Value)));

    /// <summary>The signature headers to add, or why the request cannot be signed.</summary>
    private sealed record Signed(IReadOnlyList<KeyValuePair<string, string>>? Signatures, string FailureMessage)
    {
        [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Signatures))]
        public bool IsSigned => Signatures is not null;
    }

    /// <summary>
    /// The failure with its root cause: HttpClient's own message ("The SSL connection could not be established, see inner
    /// exception.") says nothing of why a TLS handshake failed (no client certificate, an unpinned receiver…).
    /// </summary>
    private static string Describe(Exception e)
    {
        var root = e.GetBaseException();
        return ReferenceEquals(root, e) || e.Message.Contains(root.Message, StringComparison.Ordinal) ? e.Message : $"{e.Message} Cause: {root.Message}";
    }

    internal static DeliveryOutcome Failure(string error, string message, int elapsedMs, string? sent = null)
        => new(false, error, null, null, Encoding.UTF8.GetBytes(message), false, elapsedMs, null, sent);

    /// <summary>Reads ENABLED_SIGNATURE_VERSIONS; also what the event catalog describes, so both read it the same way.</summary>
    internal static SignatureVersions ParseVersions(string text)
    {
        var versions = SignatureVersions.None;
        foreach (var version in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            versions |= version switch
            {
                "v0" => SignatureVersions.V0,
                "v1" => SignatureVersions.V1,
                _ => throw new InvalidOperationException($"ENABLED_SIGNATURE_VERSIONS: unknown version '{version}' (use v0, v1)."),
            };
        }

        return versions == SignatureVersions.None ? SignatureVersions.V1 : versions;
    }
}
