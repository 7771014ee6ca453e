namespace Hook0.Receiver;

/// <summary>The sentence given with each refusal: what failed, never a secret or the expected code.</summary>
internal static class Reasons
{
    public static string Of(WebhookFailure failure) => failure switch
    {
        WebhookFailure.MissingSignature => "no signature header of an accepted scheme, or no key configured for it",
        WebhookFailure.Malformed => "the signature header is not in its scheme's format",
        WebhookFailure.TimestampInvalid => "the signature's moment is missing or not an integer",
        WebhookFailure.CodeNotDecodable => "a signature code is not in its encoding (hexadecimal for Hook0, base64 for Standard Webhooks)",
        WebhookFailure.HeaderNotDelivered => "the signature covers a header the request did not carry",
        WebhookFailure.SignatureMismatch => "the signature does not match any configured secret or key",
        WebhookFailure.OutsideTolerance => "the signature's moment is outside the tolerance",
        WebhookFailure.Replayed => "this message was already received at this moment",
        _ => "accepted",
    };
}
