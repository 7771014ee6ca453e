using System.Globalization;
using System.Text;
using NSec.Cryptography;

namespace Hook0.Modules.Delivery.Sending.Signing;

/// <summary>
/// Computes the <c>webhook-signature</c> value of Standard Webhooks 1.0: space-separated entries over
/// <c>id.timestamp.body</c>, <c>v1,&lt;base64 HMAC-SHA256&gt;</c> per valid secret and
/// <c>v1a,&lt;base64 Ed25519&gt;</c> per private key.
/// </summary>
internal static class StandardSigner
{
    /// <summary>
    /// The message id: the same for every try of one event to one subscription (the receiver's
    /// idempotency key), distinct between subscriptions, and free of the '.' the signed content uses.
    /// </summary>
    public static string WebhookId(Guid eventId, Guid subscriptionId) => $"msg_{eventId:N}{subscriptionId:N}";

    /// <remarks><paramref name="hmacKeys"/> are the key bytes of each valid secret (its text as UTF-8), newest first;
    /// <paramref name="ed25519Keys"/> the private keys for <c>v1a</c> entries (none when asymmetric signing is off).</remarks>
    public static string Sign(string webhookId, DateTimeOffset signedAt, ReadOnlySpan<byte> payload, IReadOnlyList<byte[]> hmacKeys, IReadOnlyList<Key> ed25519Keys)
    {
        ArgumentNullException.ThrowIfNull(hmacKeys);
        ArgumentNullException.ThrowIfNull(ed25519Keys);
        var prefix = Encoding.ASCII.GetBytes($"{webhookId}.{Timestamp(signedAt)}.");
        var value = new StringBuilder();
        foreach (var key in hmacKeys)
        {
            using var hmac = System.Security.Cryptography.IncrementalHash.CreateHMAC(System.Security.Cryptography.HashAlgorithmName.SHA256, key);
            hmac.AppendData(prefix);
            hmac.AppendData(payload);
            Append(value, "v1,", hmac.GetHashAndReset());
        }

        if (ed25519Keys.Count > 0)
        {
            // Ed25519 hashes its message twice, so it needs the signed content in one piece.
            var content = new byte[prefix.Length + payload.Length];
            prefix.CopyTo(content, 0);
            payload.CopyTo(content.AsSpan(prefix.Length));
            foreach (var key in ed25519Keys)
            {
                Append(value, "v1a,", SignatureAlgorithm.Ed25519.Sign(key, content));
            }
        }

        return value.ToString();
    }

    public static string Timestamp(DateTimeOffset signedAt) => signedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private static void Append(StringBuilder value, string version, byte[] signature)
    {
        if (value.Length > 0)
        {
            value.Append(' ');
        }

        value.Append(version).Append(Convert.ToBase64String(signature));
    }
}
