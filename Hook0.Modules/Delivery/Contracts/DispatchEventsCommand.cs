using Mediator;

namespace Hook0.Modules.Delivery.Contracts;

/// <summary>
/// The Ingestion → Delivery hop for a group of events stored together (group commit): creates one
/// pending attempt per subscription matching each event, in one statement. Like
/// <see cref="DispatchEventCommand"/>, it must be sent inside the caller's <c>SharedTransaction</c>.
/// Answers how many attempts were created.
/// </summary>
public sealed record DispatchEventsCommand(IReadOnlyList<DispatchedEvent> Events) : ICommand<int>;

/// <summary>One stored event to dispatch: its id, application, type and labels (a JSON object).</summary>
public sealed record DispatchedEvent(Guid EventId, Guid ApplicationId, string EventTypeName, string LabelsJson);
