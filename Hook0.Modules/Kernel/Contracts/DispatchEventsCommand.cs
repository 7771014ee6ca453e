using Mediator;

namespace Hook0.Modules.Kernel.Contracts;

/// <summary>
/// The Ingestion → Delivery hop for a group of events stored together (group commit): creates one
/// pending attempt per subscription matching each event, in one statement. Like
/// <see cref="DispatchEventCommand"/>, it must be sent inside the caller's <c>SharedTransaction</c>.
/// Answers how many attempts were created. Declared in Kernel, handled by Delivery (docs/architecture.md).
/// </summary>
public sealed record DispatchEventsCommand(IReadOnlyList<DispatchedEvent> Events) : ICommand<int>;

/// <summary>
/// One stored event to dispatch: its id, application, type, labels (a JSON object), and when it was received
/// (the event table is partitioned by it: attempts carry it to find their payload in one partition).
/// </summary>
public sealed record DispatchedEvent(Guid EventId, Guid ApplicationId, string EventTypeName, string LabelsJson, DateTime ReceivedAt);
