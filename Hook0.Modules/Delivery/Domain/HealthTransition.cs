namespace Hook0.Modules.Delivery.Domain;

/// <summary>One change of a subscription's health state, with why and when (shown in its <c>health</c> object).</summary>
internal sealed class HealthTransition
{
    public Guid Id { get; set; }
    public Guid SubscriptionId { get; set; }
    public required string FromState { get; set; }
    public required string ToState { get; set; }
    public required string Reason { get; set; }
    public DateTime OccurredAt { get; set; }
}
