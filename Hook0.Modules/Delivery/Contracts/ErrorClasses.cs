namespace Hook0.Modules.Delivery.Contracts;

/// <summary>
/// The error classes a failed try stores (<c>response_error_name</c>), said in words: by the dashboard's attempt page and
/// the assistant's failure explanation alike.
/// </summary>
public static class ErrorClasses
{
    public static string Explain(string? name) => name switch
    {
        null or "" => "",
        "E_HTTP" => "The endpoint answered with a status outside 2xx.",
        "E_TIMEOUT" => "The endpoint did not answer within the timeout.",
        "E_CONNECTION" => "No connection could be made or it broke (refused, reset, unreachable, or a TLS failure).",
        "E_DNS" => "The endpoint's host name could not be resolved.",
        "E_INVALID_TARGET" => "The URL is invalid, uses an unsupported scheme, or resolves to a forbidden address.",
        "E_INVALID_HEADER" => "A header of the subscription can never be sent or signed; this failure is not retried.",
        "E_OAUTH2" => "No OAuth2 access token could be obtained from the subscription's token endpoint (refused credentials, unreachable, or not a token answer).",
        "E_UNKNOWN" => "An unexpected error happened while sending.",
        _ => $"Error class {name}.",
    };
}
