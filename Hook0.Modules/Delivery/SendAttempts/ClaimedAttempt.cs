namespace Hook0.Modules.Delivery.SendAttempts;

/// <summary>An attempt a worker holds, with everything needed to deliver it (no further read).</summary>
internal sealed record ClaimedAttempt(
    Guid AttemptId,
    Guid EventId,
    Guid SubscriptionId,
    Guid ApplicationId,
    short RetryCount,
    string EventTypeName,
    bool SubscriptionLive,
    string Method,
    string Url,
    string HeadersJson,
    string? LegacySecret,
    string SignatureSchemes,
    string? SecretsJson,
    string? RetryPolicyJson,
    int? MaxConcurrency,
    int? RateLimitPerSecond,
    byte[] Payload,
    string PayloadContentType);
