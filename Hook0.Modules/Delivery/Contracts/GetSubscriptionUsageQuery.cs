using Mediator;

namespace Hook0.Modules.Delivery.Contracts;

/// <summary>Whether any of these applications has a live subscription (onboarding progress).</summary>
public sealed record GetSubscriptionUsageQuery(IReadOnlyCollection<Guid> ApplicationIds) : IQuery<bool>;
