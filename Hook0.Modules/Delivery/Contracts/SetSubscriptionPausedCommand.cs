using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Delivery.Contracts;

/// <summary>
/// Pauses or resumes a subscription (beyond upstream, whose only switch, disable, fails pending
/// attempts): while paused its attempts wait untouched; on resume they are delivered in order.
/// </summary>
public sealed record SetSubscriptionPausedCommand(Caller Caller, Guid ApplicationId, Guid SubscriptionId, bool Paused)
    : ICommand<SubscriptionDto>, IAuthorizedRequest
{
    public Access Access => new(Caller, Actions.SubscriptionEdit, ApplicationId: ApplicationId, Facts: [AccessFacts.SubscriptionId(SubscriptionId)]);
}
