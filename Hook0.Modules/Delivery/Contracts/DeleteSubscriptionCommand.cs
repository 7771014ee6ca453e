using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Delivery.Contracts;

/// <summary>Soft-deletes a subscription: it stops matching new events at once and its pending attempts are failed.</summary>
public sealed record DeleteSubscriptionCommand(Caller Caller, Guid SubscriptionId, Guid ApplicationId) : ICommand, IAuthorizedRequest
{
    public Access Access => new(Caller, Actions.SubscriptionDelete, ApplicationId: ApplicationId, Facts: [AccessFacts.SubscriptionId(SubscriptionId)]);
}
