namespace Hook0.Receiver;

/// <summary>The outcome of checking one delivery.</summary>
public sealed class WebhookVerification
{
    private WebhookVerification(WebhookFailure failure, string reason, WebhookSchemes scheme, string? messageId, DateTimeOffset? timestamp)
    {
        Failure = failure;
        Reason = reason;
        Scheme = scheme;
        MessageId = messageId;
        Timestamp = timestamp;
    }

    public bool IsValid => Failure == WebhookFailure.None;

    public WebhookFailure Failure { get; }

    /// <summary>A sentence for logs or a 401 answer; never contains a secret or an expected code.</summary>
    public string Reason { get; }

    /// <summary>The scheme that was checked (<see cref="WebhookSchemes.None"/> when no header was usable).</summary>
    public WebhookSchemes Scheme { get; }

    /// <summary><c>webhook-id</c> for Standard Webhooks, <c>x-event-id</c> for the Hook0 scheme, when present.</summary>
    public string? MessageId { get; }

    /// <summary>The moment the sender signed at, when it could be read.</summary>
    public DateTimeOffset? Timestamp { get; }

    internal static WebhookVerification Accepted(WebhookSchemes scheme, string? messageId, DateTimeOffset timestamp)
        => new(WebhookFailure.None, "accepted", scheme, messageId, timestamp);

    internal static WebhookVerification Refused(WebhookFailure failure, string reason, WebhookSchemes scheme = WebhookSchemes.None,
        string? messageId = null, DateTimeOffset? timestamp = null)
        => new(failure, reason, scheme, messageId, timestamp);

    internal WebhookVerification AsReplayed() => new(WebhookFailure.Replayed, "this message was already received at this moment", Scheme, MessageId, Timestamp);
}
