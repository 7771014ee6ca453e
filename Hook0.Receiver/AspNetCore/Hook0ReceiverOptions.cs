namespace Hook0.Receiver.AspNetCore;

/// <summary>The receiver's keys and limits, bound by <see cref="Hook0ReceiverServiceCollectionExtensions.AddHook0Receiver"/>.</summary>
public sealed class Hook0ReceiverOptions
{
    public WebhookVerifierOptions Verification { get; } = new();

    /// <summary>Bodies above this are refused with 413 before any hashing. 1 MiB, Hook0's own payload limit.</summary>
    public long MaxBodyBytes { get; set; } = 1024 * 1024;
}
