using Hook0.Receiver.Cryptography;

namespace Hook0.Receiver.Hook0Scheme;

/// <summary>
/// Checks <c>X-Hook0-Signature</c> as Hook0's own SDK does: v1 when present, else v0, and never v0 after a
/// wrong v1 (a downgrade would let a relay drop the headers v1 covers); every covered header must have
/// arrived; the moment must lie within the tolerance on either side of now.
/// </summary>
internal static class Hook0SignatureCheck
{
    public const string HeaderName = "x-hook0-signature";
    private const string EventIdHeader = "x-event-id";

    public static WebhookVerification Verify(string value, byte[] body, Func<string, string?> header, IReadOnlyList<byte[]> secrets,
        DateTimeOffset now, TimeSpan tolerance)
    {
        var failure = Hook0SignatureHeader.TryParse(value, out var signature);
        if (signature is null)
        {
            return WebhookVerification.Refused(failure, Reasons.Of(failure), WebhookSchemes.Hook0);
        }

        var messageId = header(EventIdHeader);
        var at = DateTimeOffset.FromUnixTimeSeconds(Clamp(signature.Timestamp));
        string prefix;
        byte[] offered;
        if (signature.V1 is not null)
        {
            var values = new string[signature.HeaderNames.Length];
            for (var i = 0; i < values.Length; i++)
            {
                // Refused before hashing: hashing an absent value as empty would let a relay strip a covered header.
                if (header(signature.HeaderNames[i]) is not { } delivered)
                {
                    return WebhookVerification.Refused(WebhookFailure.HeaderNotDelivered,
                        $"the signature covers header '{signature.HeaderNames[i]}', which the request did not carry", WebhookSchemes.Hook0, messageId, at);
                }

                values[i] = delivered;
            }

            prefix = $"{signature.TimestampText}.{string.Join(" ", signature.HeaderNames)}.{string.Join(".", values)}.";
            offered = signature.V1;
        }
        else
        {
            prefix = signature.TimestampText + ".";
            offered = signature.V0!;
        }

        var matched = false;
        foreach (var secret in secrets)
        {
            // No early exit: the time taken does not tell which secret (old or new) matched.
            matched |= Hmac.FixedTimeEquals(Hmac.Compute(secret, prefix, body), offered);
        }

        if (!matched)
        {
            return WebhookVerification.Refused(WebhookFailure.SignatureMismatch, Reasons.Of(WebhookFailure.SignatureMismatch), WebhookSchemes.Hook0, messageId, at);
        }

        return Moment.Within(signature.Timestamp, now, tolerance)
            ? WebhookVerification.Accepted(WebhookSchemes.Hook0, messageId, at)
            : WebhookVerification.Refused(WebhookFailure.OutsideTolerance, Reasons.Of(WebhookFailure.OutsideTolerance), WebhookSchemes.Hook0, messageId, at);
    }

    internal static long Clamp(long seconds) => Math.Max(Math.Min(seconds, Moment.MaxSeconds), Moment.MinSeconds);
}
