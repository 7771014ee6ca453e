using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Delivery.Contracts;

/// <summary>Needs no application id (as upstream): it is read from the subscription, then authorized.</summary>
public sealed record GetSubscriptionQuery(Caller Caller, Guid SubscriptionId) : IQuery<SubscriptionDto>;
