namespace Hook0.Modules.Delivery.Domain;

/// <summary>A dead letter sent again by hand: the history row stays as written; this marks it retried (it leaves the dead-letter list).</summary>
internal sealed class DeadLetterRetry
{
    public Guid ApplicationId { get; set; }
    public Guid RequestAttemptId { get; set; }
    public DateTime RetriedAt { get; set; }
}
