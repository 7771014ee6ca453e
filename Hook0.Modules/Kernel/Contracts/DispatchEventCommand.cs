using Mediator;

namespace Hook0.Modules.Kernel.Contracts;

/// <summary>
/// The Ingestion → Delivery hop: creates one pending attempt per subscription matching the event.
/// Declared in Kernel, handled by Delivery: Ingestion sits below Delivery in the module layering (docs/architecture.md),
/// so it asks through this port without naming Delivery.
/// It must be sent inside the caller's <c>SharedTransaction</c>, so the event and its attempts are
/// committed together or not at all. Answers how many attempts were created.
/// </summary>
/// <param name="EventId">The stored event.</param>
/// <param name="ApplicationId">Its application.</param>
/// <param name="EventTypeName">Its type, matched against exact names and patterns.</param>
/// <param name="LabelsJson">Its labels as a JSON object; a subscription matches when its labels are all in it.</param>
/// <param name="ReceivedAt">When the event was received (the event table's partition key).</param>
/// <param name="OnlySubscriptionId">Restricts dispatch to one subscription (replay to one endpoint).</param>
public sealed record DispatchEventCommand(Guid EventId, Guid ApplicationId, string EventTypeName, string LabelsJson, DateTime ReceivedAt, Guid? OnlySubscriptionId = null)
    : ICommand<int>;
