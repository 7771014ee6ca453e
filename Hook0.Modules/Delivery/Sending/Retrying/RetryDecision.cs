using Hook0.Modules.Delivery.Lifecycle;

namespace Hook0.Modules.Delivery.Sending.Retrying;

/// <summary>What to do after a failed attempt: schedule one more try, or stop.</summary>
internal abstract record RetryDecision
{
    private RetryDecision()
    {
    }

    internal sealed record Retry(TimeSpan Delay) : RetryDecision;

    internal sealed record GiveUp(GiveUpReason Reason) : RetryDecision
    {
        /// <summary>Label for logs and metrics: <c>exhausted</c>, <c>invalid_header</c> or <c>gone_410</c>.</summary>
        public string Code => AttemptSpelling.Of(Reason);
    }
}
