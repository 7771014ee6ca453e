using Mediator;

namespace Hook0.Modules.Ingestion.Contracts;

/// <summary>What Ingestion knows of some applications' use: onboarding progress and today's event count.</summary>
public sealed record GetApplicationsUsageQuery(IReadOnlyCollection<Guid> ApplicationIds) : IQuery<ApplicationsUsage>;

public sealed record ApplicationsUsage(bool HasEventType, bool HasEvent, long EventsToday);
