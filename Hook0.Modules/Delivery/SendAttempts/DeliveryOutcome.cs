namespace Hook0.Modules.Delivery.SendAttempts;

/// <summary>What one HTTP try produced, and what to do next.</summary>
internal sealed record DeliveryOutcome(
    bool Succeeded,
    string? ErrorName,
    int? HttpCode,
    Dictionary<string, string>? Headers,
    byte[]? Body,
    bool BodyTruncated,
    int ElapsedMs,
    string? RetryAfter);

/// <summary>The decision recorded with the outcome.</summary>
/// <param name="RetryDelay">Set when a new attempt must follow after this delay.</param>
/// <param name="GiveUpReason">Set when the attempt failed for good.</param>
/// <param name="DisableSubscription">True on <c>410 Gone</c>: the receiver asked never to be called again.</param>
internal sealed record AttemptVerdict(TimeSpan? RetryDelay, string? GiveUpReason, bool DisableSubscription);
