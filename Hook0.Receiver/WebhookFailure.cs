namespace Hook0.Receiver;

/// <summary>Why a delivery was refused. <see cref="None"/> means it was accepted.</summary>
public enum WebhookFailure
{
    None,

    /// <summary>No signature header of an accepted scheme, or no key configured for the one present.</summary>
    MissingSignature,

    /// <summary>A signature header that is not in its scheme's format (or is larger than any sender writes).</summary>
    Malformed,

    /// <summary>The moment is missing or not an integer number of seconds.</summary>
    TimestampInvalid,

    /// <summary>A Hook0 code that is not entirely hexadecimal, or a Standard Webhooks code that is not base64.</summary>
    CodeNotDecodable,

    /// <summary>The Hook0 v1 signature covers a header the request did not carry.</summary>
    HeaderNotDelivered,

    /// <summary>No configured secret or public key produces the signature offered.</summary>
    SignatureMismatch,

    /// <summary>The signature is right but its moment is further from now than the tolerance.</summary>
    OutsideTolerance,

    /// <summary>The replay guard has already seen this message at this moment.</summary>
    Replayed,
}
