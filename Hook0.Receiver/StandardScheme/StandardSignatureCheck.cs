using System.Globalization;
using System.Text;
using Hook0.Receiver.Cryptography;

namespace Hook0.Receiver.StandardScheme;

/// <summary>
/// Standard Webhooks 1.0: <c>webhook-signature</c> is a space-separated list of <c>v1,&lt;base64 HMAC-SHA256&gt;</c>
/// and <c>v1a,&lt;base64 Ed25519&gt;</c> entries over <c>id.timestamp.body</c>; one entry matching one key is enough.
/// </summary>
internal static class StandardSignatureCheck
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";

    // Far above what a sender writes: a few entries per rotation overlap, each under 100 characters.
    private const int MaxSignatureLength = 8 * 1024;
    private const int MaxIdLength = 1024;

    public static WebhookVerification Verify(string value, byte[] body, Func<string, string?> header, IReadOnlyList<byte[]> secrets,
        IReadOnlyList<byte[]> publicKeys, DateTimeOffset now, TimeSpan tolerance)
    {
        var id = header(IdHeader);
        if (string.IsNullOrEmpty(id) || id!.Length > MaxIdLength || value.Length > MaxSignatureLength)
        {
            return Refused(WebhookFailure.Malformed, id);
        }

        if (!long.TryParse(header(TimestampHeader), NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp))
        {
            return Refused(WebhookFailure.TimestampInvalid, id);
        }

        var at = DateTimeOffset.FromUnixTimeSeconds(Hook0Scheme.Hook0SignatureCheck.Clamp(timestamp));
        var prefix = $"{id}.{header(TimestampHeader)}.";
        byte[]? content = null;
        var matched = false;
        var usable = false;
        var decodable = false;
        foreach (var entry in value.Split(' '))
        {
            var comma = entry.IndexOf(',');
            if (comma < 0)
            {
                continue;
            }

            var version = entry.Substring(0, comma);
            if ((version != "v1" || secrets.Count == 0) && (version != "v1a" || publicKeys.Count == 0))
            {
                continue; // a scheme this receiver holds no key for, or one it does not know: not an error by itself
            }

            usable = true;
            byte[] offered;
            try
            {
                offered = Convert.FromBase64String(entry.Substring(comma + 1));
            }
            catch (FormatException)
            {
                continue;
            }

            decodable = true;
            if (version == "v1")
            {
                foreach (var secret in secrets)
                {
                    matched |= Hmac.FixedTimeEquals(Hmac.Compute(secret, prefix, body), offered);
                }
            }
            else
            {
                // Ed25519 reads the signed content twice, so it needs it in one piece.
                content ??= Concat(Encoding.UTF8.GetBytes(prefix), body);
                foreach (var key in publicKeys)
                {
                    matched |= Ed25519Check.Verify(key, content, offered);
                }
            }
        }

        if (!matched)
        {
            var failure = usable && !decodable ? WebhookFailure.CodeNotDecodable : WebhookFailure.SignatureMismatch;
            var reason = usable ? Reasons.Of(failure) : "no v1 (HMAC) or v1a (Ed25519) entry this receiver holds a key for";
            return WebhookVerification.Refused(failure, reason, WebhookSchemes.Standard, id, at);
        }

        return Moment.Within(timestamp, now, tolerance)
            ? WebhookVerification.Accepted(WebhookSchemes.Standard, id, at)
            : WebhookVerification.Refused(WebhookFailure.OutsideTolerance, Reasons.Of(WebhookFailure.OutsideTolerance), WebhookSchemes.Standard, id, at);
    }

    private static WebhookVerification Refused(WebhookFailure failure, string? id)
        => WebhookVerification.Refused(failure, Reasons.Of(failure), WebhookSchemes.Standard, id);

    private static byte[] Concat(byte[] prefix, byte[] body)
    {
        var content = new byte[prefix.Length + body.Length];
        Buffer.BlockCopy(prefix, 0, content, 0, prefix.Length);
        Buffer.BlockCopy(body, 0, content, prefix.Length, body.Length);
        return content;
    }
}
