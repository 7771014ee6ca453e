namespace Hook0.Modules.Organizations.Contracts;

/// <summary>An organization as <c>GET /organizations</c> lists it.</summary>
public sealed record OrganizationSummary(Guid OrganizationId, string Role, string Name, OrganizationPlan? Plan);

public sealed record OrganizationPlan(string Name, string Label);

/// <summary>An organization in full: members, quotas, consumption and onboarding progress.</summary>
public sealed record OrganizationInfo(
    Guid OrganizationId,
    string Name,
    OrganizationPlan? Plan,
    IReadOnlyList<OrganizationUser> Users,
    OrganizationQuotas Quotas,
    OrganizationConsumption Consumption,
    OrganizationOnboarding OnboardingSteps);

public sealed record OrganizationUser(Guid UserId, string Email, string FirstName, string LastName, string Role);

public sealed record OrganizationQuotas(
    int MembersPerOrganizationLimit,
    int ApplicationsPerOrganizationLimit,
    int EventsPerDayLimit,
    int DaysOfEventsRetentionLimit);

public sealed record OrganizationConsumption(long Members, long Applications, long EventsPerDay);

/// <summary>Each step is <c>"ToDo"</c> or <c>"Done"</c>, as upstream spells them.</summary>
public sealed record OrganizationOnboarding(string Application, string EventType, string Subscription, string Event);
