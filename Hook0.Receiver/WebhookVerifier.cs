using Hook0.Receiver.Cryptography;
using Hook0.Receiver.Hook0Scheme;
using Hook0.Receiver.StandardScheme;

namespace Hook0.Receiver;

/// <summary>
/// Verifies a delivery's signature. Thread-safe; build one per set of keys and reuse it. When a delivery
/// carries both schemes, Standard Webhooks is checked (it names the message, which the replay guard keys on).
/// </summary>
public sealed class WebhookVerifier
{
    private readonly WebhookVerifierOptions _options;
    private readonly byte[][] _secrets;
    private readonly byte[][] _publicKeys;

    public WebhookVerifier(WebhookVerifierOptions options)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _secrets = [.. options.Secrets.Select(Keys.Secret)];
        _publicKeys = [.. options.PublicKeys.Select(Keys.PublicKey)];
        if (_secrets.Length == 0 && _publicKeys.Length == 0)
        {
            throw new ArgumentException("Configure at least one secret or public key.", nameof(options));
        }

        if (options.Tolerance < TimeSpan.Zero)
        {
            throw new ArgumentException("The tolerance must not be negative.", nameof(options));
        }
    }

    /// <summary>Checks the signature and the moment (not the replay guard: see <see cref="VerifyAsync"/>).</summary>
    /// <param name="body">The body exactly as received, before any parsing.</param>
    /// <param name="header">A received header's value by name (looked up case-insensitively), or null when absent.</param>
    public WebhookVerification Verify(byte[] body, Func<string, string?> header)
    {
        Guard.NotNull(body, nameof(body));
        Guard.NotNull(header, nameof(header));

        var now = _options.TimeProvider.GetUtcNow();
        if (_options.Schemes.HasFlag(WebhookSchemes.Standard) && header(StandardSignatureCheck.SignatureHeader) is { } standard)
        {
            return StandardSignatureCheck.Verify(standard, body, header, _secrets, _publicKeys, now, _options.Tolerance);
        }

        // Hook0's header is HMAC only: an Ed25519 key cannot check it.
        if (_options.Schemes.HasFlag(WebhookSchemes.Hook0) && _secrets.Length > 0 && header(Hook0SignatureCheck.HeaderName) is { } hook0)
        {
            return Hook0SignatureCheck.Verify(hook0, body, header, _secrets, now, _options.Tolerance);
        }

        return WebhookVerification.Refused(WebhookFailure.MissingSignature, Reasons.Of(WebhookFailure.MissingSignature));
    }

    /// <summary>
    /// Checks the signature and the moment, then asks the replay guard (when one is configured). A delivery
    /// carrying both schemes is recorded under both ids, so stripping one scheme's headers does not make a
    /// captured delivery new again.
    /// </summary>
    public async Task<WebhookVerification> VerifyAsync(byte[] body, Func<string, string?> header, CancellationToken cancellationToken = default)
    {
        var verification = Verify(body, header);
        if (!verification.IsValid || _options.ReplayGuard is not { } guard)
        {
            return verification;
        }

        foreach (var (id, at) in ReplayKeys(verification, body, header))
        {
            if (!await guard.TryRecordAsync(id, at, cancellationToken).ConfigureAwait(false))
            {
                return verification.AsReplayed();
            }
        }

        return verification;
    }

    private IEnumerable<(string Id, DateTimeOffset At)> ReplayKeys(WebhookVerification verification, byte[] body, Func<string, string?> header)
    {
        if (verification.MessageId is { } id)
        {
            yield return (id, verification.Timestamp!.Value);
        }

        if (verification.Scheme == WebhookSchemes.Standard && _options.Schemes.HasFlag(WebhookSchemes.Hook0) && _secrets.Length > 0
            && header(Hook0SignatureCheck.HeaderName) is { } hook0
            && Hook0SignatureCheck.Verify(hook0, body, header, _secrets, _options.TimeProvider.GetUtcNow(), _options.Tolerance) is
                { IsValid: true, MessageId: { } eventId, Timestamp: { } eventAt })
        {
            yield return (eventId, eventAt);
        }
    }
}
