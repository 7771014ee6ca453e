using System.Net.Sockets;
using System.Security.Authentication;
using Hook0.Modules.Delivery.Sending.TargetGuard;

namespace Hook0.Modules.Delivery.Sending.Errors;

/// <summary>Maps the exception a delivery raised onto its <see cref="DeliveryErrorCodes"/> class.</summary>
internal static class DeliveryErrorClassifier
{
    /// <remarks>
    /// Cancellation counts as a timeout: the caller must not classify a delivery it cancelled itself
    /// (shutdown), since the two cannot be told apart from the exception alone.
    /// </remarks>
    public static string Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);

        // HttpClient wraps the cause (often twice), and the innermost known cause is the most precise.
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (ClassifyCause(current) is { } code)
            {
                return code;
            }
        }

        return exception switch
        {
            OperationCanceledException => DeliveryErrorCodes.Timeout,
            HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } => DeliveryErrorCodes.Dns,
            HttpRequestException
            {
                HttpRequestError: HttpRequestError.ConnectionError
                    or HttpRequestError.SecureConnectionError
                    or HttpRequestError.ResponseEnded,
            } => DeliveryErrorCodes.Connection,
            _ => DeliveryErrorCodes.Unknown,
        };
    }

    private static string? ClassifyCause(Exception cause) => cause switch
    {
        ForbiddenTargetException => DeliveryErrorCodes.InvalidTarget,
        HostResolutionException => DeliveryErrorCodes.Dns,
        Egress.ProxyTunnelException => DeliveryErrorCodes.Connection,
        SocketException socket => IsNameResolutionFailure(socket.SocketErrorCode)
            ? DeliveryErrorCodes.Dns
            : DeliveryErrorCodes.Connection,
        TimeoutException => DeliveryErrorCodes.Timeout,
        AuthenticationException => DeliveryErrorCodes.Connection,

        // A malformed URL, or a scheme HttpClient cannot send to (NotSupportedException).
        UriFormatException or NotSupportedException => DeliveryErrorCodes.InvalidTarget,

        // HttpHeaders raise FormatException for a name or value that cannot go on the wire; it would be
        // refused identically on every retry. Must follow UriFormatException, which derives from it.
        FormatException => DeliveryErrorCodes.InvalidHeader,
        _ => null,
    };

    private static bool IsNameResolutionFailure(SocketError error) =>
        error is SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoRecovery or SocketError.NoData;
}
