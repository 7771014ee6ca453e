using System.Text;

namespace Hook0.Modules.Delivery.Sending.Signing;

/// <summary>How Standard Webhooks writes keys: <c>whsec_</c> + base64 of the HMAC key bytes, <c>whpk_</c> + base64 of an Ed25519 public key.</summary>
internal static class SecretFormats
{
    /// <summary>
    /// The same secret as Hook0's: Hook0 keys its HMAC with the secret's text, so the standard form is
    /// base64 of exactly those bytes (36 of them for a UUID, within the specification's 24 to 64).
    /// </summary>
    public static string StandardSecret(string secret) => "whsec_" + Convert.ToBase64String(Encoding.UTF8.GetBytes(secret));

    public static string PublicKey(string publicKeyBase64) => "whpk_" + publicKeyBase64;
}
