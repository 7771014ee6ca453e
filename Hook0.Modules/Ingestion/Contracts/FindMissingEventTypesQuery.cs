using Mediator;

namespace Hook0.Modules.Ingestion.Contracts;

/// <summary>Which of these event type names do not exist for the application (deactivated ones still exist, as upstream).</summary>
public sealed record FindMissingEventTypesQuery(Guid ApplicationId, IReadOnlyCollection<string> Names) : IQuery<IReadOnlyList<string>>;
