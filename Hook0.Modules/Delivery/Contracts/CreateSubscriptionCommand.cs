using Hook0.Modules.Delivery.Subscriptions;
using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Delivery.Contracts;

/// <summary>Creates a subscription with a server-generated signing secret (sealed at rest), and an Ed25519 key on request.</summary>
public sealed record CreateSubscriptionCommand(Caller Caller, SubscriptionFields Fields)
    : ICommand<SubscriptionDto>, IAuthorizedRequest, ISubscriptionCommand
{
    public Access Access => new(Caller, Actions.SubscriptionCreate, ApplicationId: Fields.ApplicationId, Facts: [AccessFacts.Labels(Fields.Labels)]);

    public static CreateSubscriptionCommand From(Caller caller, SubscriptionPost body) => new(caller, SubscriptionFields.From(body));
}
