namespace Hook0.Modules.Delivery.Sending.Signing;

/// <summary>Which signatures a subscription's deliveries carry (its <c>signature_schemes</c>).</summary>
[Flags]
internal enum SignatureSchemes
{
    None = 0,

    /// <summary><c>X-Hook0-Signature</c>, upstream's header.</summary>
    Hook0 = 1,

    /// <summary><c>webhook-id</c>, <c>webhook-timestamp</c>, <c>webhook-signature</c> (Standard Webhooks 1.0).</summary>
    Standard = 2,

    Both = Hook0 | Standard,
}

/// <summary>The wire names of <see cref="SignatureSchemes"/>.</summary>
internal static class SignatureSchemeNames
{
    public const string Hook0 = "hook0";
    public const string Standard = "standard";
    public const string Both = "both";

    public static IReadOnlyList<string> All { get; } = [Hook0, Standard, Both];

    public static SignatureSchemes Parse(string name) => name switch
    {
        Hook0 => SignatureSchemes.Hook0,
        Standard => SignatureSchemes.Standard,
        _ => SignatureSchemes.Both,
    };
}
