using Hook0.Modules.Delivery.Lifecycle;
using Hook0.Modules.Delivery.Sending.Retrying;

namespace Hook0.Modules.Delivery.Sending;

/// <summary>What one HTTP try produced; <c>RequestHeaders</c> are the request's headers as sent, secret values masked (JSON object), null when nothing was sent.</summary>
internal sealed record DeliveryOutcome(
    bool Succeeded,
    string? ErrorName,
    int? HttpCode,
    Dictionary<string, string>? Headers,
    byte[]? Body,
    bool BodyTruncated,
    int ElapsedMs,
    string? RetryAfter,
    string? RequestHeaders = null);

/// <summary>
/// The decision recorded with the outcome: how the attempt ends (<c>Outcome</c>), the delay before its successor when
/// it is retried (<c>RetryDelay</c>), why it failed for good when it is given up (<c>GiveUp</c>).
/// </summary>
internal sealed record AttemptVerdict(AttemptOutcome Outcome, TimeSpan? RetryDelay, GiveUpReason? GiveUp)
{
    public static AttemptVerdict Succeeded { get; } = new(AttemptOutcome.Succeeded, null, null);

    /// <summary>True on <c>410 Gone</c>: the receiver asked never to be called again, its subscription is disabled.</summary>
    public bool DisablesSubscription => GiveUp == GiveUpReason.Gone410;

    public string? ReasonSpelling => GiveUp is { } reason ? AttemptSpelling.Of(reason) : null;
}
