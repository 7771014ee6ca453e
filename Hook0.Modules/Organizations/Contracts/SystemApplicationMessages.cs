using Mediator;

namespace Hook0.Modules.Organizations.Contracts;

/// <summary>
/// The organization's system application, created with the organization (ADR 0015): Hook0's operational
/// events about the organization are ingested into it, and its editors subscribe to it like to any
/// application. A read: null when the organization (or its system application) does not exist.
/// </summary>
public sealed record GetSystemApplicationQuery(Guid OrganizationId) : IQuery<Guid?>;

/// <summary>Every live system application (one per organization): what start-up checks are complete.</summary>
public sealed record ListSystemApplicationsQuery : IQuery<IReadOnlyList<Guid>>;

/// <summary>
/// Where operational events about a live application go: its organization, whether it is itself the
/// system application (then nothing is told about it: no loops), and the organization's system
/// application if one was created. Null for an unknown or deleted application.
/// </summary>
public sealed record FindSystemApplicationQuery(Guid ApplicationId) : IQuery<SystemApplicationOf?>;

public sealed record SystemApplicationOf(Guid OrganizationId, bool IsSystem, Guid? SystemApplicationId);
