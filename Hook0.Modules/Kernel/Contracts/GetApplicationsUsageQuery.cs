using Mediator;

namespace Hook0.Modules.Kernel.Contracts;

/// <summary>
/// What Ingestion knows of some applications' use: onboarding progress and today's event count. Declared in
/// Kernel, answered by Ingestion: Organizations (below Ingestion in the layering, docs/architecture.md) asks it for the
/// consumption and onboarding of its applications and organizations without naming Ingestion.
/// </summary>
public sealed record GetApplicationsUsageQuery(IReadOnlyCollection<Guid> ApplicationIds) : IQuery<ApplicationsUsage>;

public sealed record ApplicationsUsage(bool HasEventType, bool HasEvent, long EventsToday);
