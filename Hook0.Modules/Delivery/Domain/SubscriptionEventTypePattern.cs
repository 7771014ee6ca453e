namespace Hook0.Modules.Delivery.Domain;

/// <summary>
/// An event-type filter with <c>*</c> standing for one whole dotted segment (<c>billing.*.created</c>).
/// Kept apart from exact names, whose existence is checked; the anchored regex is what matching uses.
/// </summary>
internal sealed class SubscriptionEventTypePattern
{
    public Guid SubscriptionId { get; set; }
    public required string Pattern { get; set; }
    public required string Regex { get; set; }
}
