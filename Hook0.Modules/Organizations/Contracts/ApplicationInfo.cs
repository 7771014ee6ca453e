namespace Hook0.Modules.Organizations.Contracts;

/// <summary>An application as listed, created and updated.</summary>
/// <param name="ApplicationId">Its id.</param>
/// <param name="OrganizationId">The organization it belongs to.</param>
/// <param name="Name">Its name.</param>
/// <param name="PayloadSearch">Added (ADR 0025): whether the application's JSON events are indexed for payload search.</param>
public sealed record ApplicationDto(Guid ApplicationId, Guid OrganizationId, string Name, bool PayloadSearch);

/// <summary>An application in full, as <c>GET /applications/{id}</c> answers.</summary>
public sealed record ApplicationInfo(
    Guid ApplicationId,
    Guid OrganizationId,
    string Name,
    ApplicationQuotas Quotas,
    ApplicationConsumption Consumption,
    ApplicationOnboarding OnboardingSteps,
    bool PayloadSearch);

public sealed record ApplicationQuotas(int EventsPerDayLimit, int DaysOfEventsRetentionLimit);

public sealed record ApplicationConsumption(long EventsPerDay);

public sealed record ApplicationOnboarding(string EventType, string Subscription, string Event);

/// <summary>An application secret: <see cref="Token"/> is the bearer credential.</summary>
public sealed record ApplicationSecretDto(string? Name, Guid Token, DateTime CreatedAt, DateTime? DeletedAt);
