namespace Hook0.Modules.Delivery.Sending.Errors;

/// <summary>Error classes stored on a failed attempt's response (reference §5.3), compatible with Hook0.</summary>
internal static class DeliveryErrorCodes
{
    /// <summary>The receiver answered with a non-2xx status.</summary>
    public const string Http = "E_HTTP";

    public const string Timeout = "E_TIMEOUT";

    /// <summary>The connection could not be established or was broken (refused, reset, unreachable, TLS).</summary>
    public const string Connection = "E_CONNECTION";

    public const string Dns = "E_DNS";

    /// <summary>Bad URL or scheme, or the host resolves to a forbidden address.</summary>
    public const string InvalidTarget = "E_INVALID_TARGET";

    /// <summary>A header that can never be signed or sent; the only class that is never retried.</summary>
    public const string InvalidHeader = "E_INVALID_HEADER";

    /// <summary>The subscription's OAuth2 token endpoint gave no access token (ADR 0031); retried like the others.</summary>
    public const string OAuth2 = "E_OAUTH2";

    public const string Unknown = "E_UNKNOWN";
}
