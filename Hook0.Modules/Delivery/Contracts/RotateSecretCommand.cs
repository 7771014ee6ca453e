using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Delivery.Contracts;

/// <summary>
/// Gives a subscription a new secret and keeps the current one valid for the grace period
/// (<c>SECRET_ROTATION_GRACE_PERIOD_IN_S</c>): <c>webhook-signature</c> then carries one <c>v1</c> per
/// valid secret, and <c>X-Hook0-Signature</c> stays on the oldest until its grace period ends.
/// </summary>
public sealed record RotateSecretCommand(Caller Caller, Guid ApplicationId, Guid SubscriptionId) : ICommand<SubscriptionDto>, IAuthorizedRequest
{
    public Access Access => new(Caller, Actions.SubscriptionEdit, ApplicationId: ApplicationId, Facts: [AccessFacts.SubscriptionId(SubscriptionId)]);
}
