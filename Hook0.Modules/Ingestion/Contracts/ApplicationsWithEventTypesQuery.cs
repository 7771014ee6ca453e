using Mediator;

namespace Hook0.Modules.Ingestion.Contracts;

/// <summary>Which of these applications already have every one of these event types (active).</summary>
public sealed record ApplicationsWithEventTypesQuery(IReadOnlyList<Guid> ApplicationIds, IReadOnlyList<string> Names) : IQuery<IReadOnlyList<Guid>>;
