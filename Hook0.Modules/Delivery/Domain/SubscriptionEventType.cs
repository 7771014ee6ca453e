namespace Hook0.Modules.Delivery.Domain;

/// <summary>One event type a subscription listens to (its existence is checked through Ingestion's contract).</summary>
internal sealed class SubscriptionEventType
{
    public Guid SubscriptionId { get; set; }
    public required string EventTypeName { get; set; }
}
