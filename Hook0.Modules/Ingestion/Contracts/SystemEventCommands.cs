using Mediator;

namespace Hook0.Modules.Ingestion.Contracts;

/// <summary>
/// Ingests an event Hook0 emits about an organization (an operational event) into its system
/// application, through the very path of <c>POST /event</c> (same store, same attempts, same worker).
/// The event type is created on first use. Answers false when <paramref name="EventId"/> was already
/// ingested, so a caller re-running after a crash never makes a second event.
/// </summary>
/// <param name="ApplicationId">The system application.</param>
/// <param name="EventId">Deterministic: the same for every try of one operational event.</param>
/// <param name="EventType">Its three-part name.</param>
/// <param name="PayloadJson">The JSON body subscribers receive.</param>
/// <param name="OccurredAt">When what it tells happened.</param>
/// <param name="Labels">The labels subscriptions match on.</param>
public sealed record IngestSystemEventCommand(
    Guid ApplicationId,
    Guid EventId,
    string EventType,
    string PayloadJson,
    DateTimeOffset OccurredAt,
    IReadOnlyDictionary<string, string> Labels) : ICommand<bool>;

/// <summary>
/// Makes sure a system application has these event types (<c>service.resource_type.verb</c>), so
/// subscriptions can name them before the first event. Quotas do not count the system application's.
/// </summary>
public sealed record EnsureSystemEventTypesCommand(Guid ApplicationId, IReadOnlyList<string> Names) : ICommand;
