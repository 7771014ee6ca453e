using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Delivery.Contracts;

/// <summary>
/// Closes a subscription's circuit by hand (issue #26): its failures, cool-down, Retry-After hold and reduced rate are
/// forgotten and its waiting attempts go at once. Authorized as pause and resume are (editing the subscription).
/// </summary>
public sealed record ResetCircuitCommand(Caller Caller, Guid ApplicationId, Guid SubscriptionId) : ICommand<SubscriptionDto>, IAuthorizedRequest
{
    public Access Access => new(Caller, Actions.SubscriptionEdit, ApplicationId: ApplicationId, Facts: [AccessFacts.SubscriptionId(SubscriptionId)]);
}
