namespace Hook0.Modules.Organizations.Contracts;

public sealed record ApplicationDto(Guid ApplicationId, Guid OrganizationId, string Name);

/// <summary>An application in full, as <c>GET /applications/{id}</c> answers.</summary>
public sealed record ApplicationInfo(
    Guid ApplicationId,
    Guid OrganizationId,
    string Name,
    ApplicationQuotas Quotas,
    ApplicationConsumption Consumption,
    ApplicationOnboarding OnboardingSteps);

public sealed record ApplicationQuotas(int EventsPerDayLimit, int DaysOfEventsRetentionLimit);

public sealed record ApplicationConsumption(long EventsPerDay);

public sealed record ApplicationOnboarding(string EventType, string Subscription, string Event);

/// <summary>An application secret: <see cref="Token"/> is the bearer credential.</summary>
public sealed record ApplicationSecretDto(string? Name, Guid Token, DateTime CreatedAt, DateTime? DeletedAt);
