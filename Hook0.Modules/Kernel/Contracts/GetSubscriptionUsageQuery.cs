using Mediator;

namespace Hook0.Modules.Kernel.Contracts;

/// <summary>
/// Whether any of these applications has a live subscription (onboarding progress). Declared in Kernel, answered
/// by Delivery: Organizations (below Delivery in the layering, docs/architecture.md) asks it without naming Delivery.
/// </summary>
public sealed record GetSubscriptionUsageQuery(IReadOnlyCollection<Guid> ApplicationIds) : IQuery<bool>;
