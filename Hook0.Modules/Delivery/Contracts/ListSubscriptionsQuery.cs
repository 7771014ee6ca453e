using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Delivery.Contracts;

public sealed record ListSubscriptionsQuery(Caller Caller, Guid ApplicationId) : IQuery<IReadOnlyList<SubscriptionDto>>, IAuthorizedRequest
{
    public Access Access => new(Caller, Actions.SubscriptionList, ApplicationId: ApplicationId);
}
