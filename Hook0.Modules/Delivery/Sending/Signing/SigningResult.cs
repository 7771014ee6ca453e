namespace Hook0.Modules.Delivery.Sending.Signing;

/// <summary>
/// Either the signature header value, or the name of the header whose value made signing impossible.
/// The latter is terminal for the attempt (<c>E_INVALID_HEADER</c>, never retried): the same value
/// would fail again on every retry.
/// </summary>
internal readonly record struct SigningResult
{
    private SigningResult(string? headerValue, string? invalidHeaderName)
    {
        HeaderValue = headerValue;
        InvalidHeaderName = invalidHeaderName;
    }

    public string? HeaderValue { get; }

    public string? InvalidHeaderName { get; }

    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(HeaderValue))]
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(false, nameof(InvalidHeaderName))]
    public bool IsSigned => HeaderValue is not null;

    /// <summary>Text stored as the response body when the attempt fails with <c>E_INVALID_HEADER</c>.</summary>
    public string FailureMessage => IsSigned
        ? string.Empty
        : $"Could not sign the request: the value of header '{InvalidHeaderName}' is not visible ASCII.";

    public static SigningResult Signed(string headerValue) => new(headerValue, null);

    public static SigningResult InvalidHeader(string headerName) => new(null, headerName);
}
