namespace Hook0.Modules.Delivery.Sending.Signing;

/// <summary>Signature schemes the worker puts in the signature header (<c>ENABLED_SIGNATURE_VERSIONS</c>).</summary>
[Flags]
internal enum SignatureVersions
{
    None = 0,

    /// <summary>Legacy scheme: HMAC over <c>t.payload</c>.</summary>
    V0 = 1,

    /// <summary>Header-aware scheme: HMAC over <c>t.h.values.payload</c>; the default.</summary>
    V1 = 2,
}
