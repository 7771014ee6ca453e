namespace Hook0.Modules.Delivery.Sending.Retrying;

/// <summary>What the retry decision needs to know about an attempt that did not succeed.</summary>
/// <param name="RetryCount">The failed attempt's retry_count (0 for the first delivery).</param>
/// <param name="ErrorCode">One of <see cref="Errors.DeliveryErrorCodes"/>.</param>
/// <param name="StatusCode">The response status for <c>E_HTTP</c>, otherwise null.</param>
/// <param name="RetryAfter">The raw <c>Retry-After</c> response header, if any.</param>
/// <param name="Policy">The subscription's own retry policy, or null for the instance schedule.</param>
internal sealed record FailedAttempt(
    int RetryCount,
    string ErrorCode,
    int? StatusCode,
    string? RetryAfter,
    SubscriptionRetryPolicy? Policy);
