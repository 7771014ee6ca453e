namespace Hook0.Modules.Delivery.Sending.Signing;

/// <summary>Outcome of checking a received signature header (reference §10.2).</summary>
internal enum SignatureVerdict
{
    Accepted,

    /// <summary>Not a <c>key=value</c> list, or neither <c>v0</c> nor <c>v1</c> present.</summary>
    Malformed,

    /// <summary><c>t</c> missing or not an integer.</summary>
    TimestampInvalid,

    /// <summary>A code is not entirely hexadecimal, or has an odd number of digits.</summary>
    CodeNotHexadecimal,

    /// <summary>The signature covers a header the request did not carry.</summary>
    HeaderNotDelivered,

    CodeMismatch,

    OutsideTolerance,
}
