using System.Text;
using Hook0.Modules.Delivery.Domain;
using Hook0.Modules.Delivery.Lifecycle;
using Hook0.Modules.Delivery.Secrets;
using NSec.Cryptography;

namespace Hook0.Modules.Delivery.Sending;

/// <summary>
/// The keys one delivery is signed with: every valid HMAC secret (newest first) for
/// <c>webhook-signature</c>, the oldest of them for <c>X-Hook0-Signature</c> (upstream's SDKs read a
/// single signature, so during a rotation's grace period the Hook0 header stays on the previous
/// secret), and the Ed25519 keys for <c>v1a</c>.
/// </summary>
internal sealed record SigningKeys(string Hook0Secret, IReadOnlyList<byte[]> HmacKeys, IReadOnlyList<Key> Ed25519Keys)
{
    public static SigningKeys Open(ClaimedAttempt attempt, SigningKeyFactory keys)
    {
        var sealedKeys = attempt.Secrets;
        var hmac = sealedKeys.Where(k => k.Kind == SubscriptionSecret.Hmac).Select(k => keys.OpenHmac(k.ProtectedValue)).ToList();
        if (hmac.Count == 0 && attempt.LegacySecret is not null)
        {
            hmac.Add(attempt.LegacySecret); // not sealed yet: start-up sealing had not run when this was claimed
        }

        if (hmac.Count == 0)
        {
            throw new InvalidOperationException($"Subscription {attempt.SubscriptionId} has no valid secret.");
        }

        var ed25519 = sealedKeys.Where(k => k.Kind == SubscriptionSecret.Ed25519).Select(k => keys.OpenEd25519(k.ProtectedValue)).ToList();
        return new SigningKeys(hmac[^1], [.. hmac.Select(Encoding.UTF8.GetBytes)], ed25519);
    }
}
