using Mediator;

namespace Hook0.Modules.Organizations.Contracts;

/// <summary>
/// The effective quota limits of a live application (its overrides, then its organization's plan, then
/// the global settings), for the modules that enforce them on their own resources. Null for an
/// unknown or deleted application.
/// </summary>
public sealed record GetApplicationQuotasQuery(Guid ApplicationId) : IQuery<ApplicationQuotaLimits?>;

/// <summary>Limits an application's modules enforce; every one reads as unlimited when <see cref="Enforced"/> is false.</summary>
/// <param name="Enforced">False when <c>ENABLE_QUOTA_ENFORCEMENT</c> is off.</param>
/// <param name="EventsPerDay">Events the application may ingest per day (approximate, like upstream).</param>
/// <param name="DaysOfEventsRetention">Days its events are kept.</param>
/// <param name="SubscriptionsPerApplication">Subscriptions it may have.</param>
/// <param name="EventTypesPerApplication">Active event types it may have.</param>
public sealed record ApplicationQuotaLimits(bool Enforced, int EventsPerDay, int DaysOfEventsRetention, int SubscriptionsPerApplication, int EventTypesPerApplication);
