using Hook0.Modules.Delivery.Subscriptions;
using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Delivery.Contracts;

/// <summary>
/// Replaces a subscription's upstream fields (event types included). Fields this implementation adds
/// later keep their value when the request omits them, so an upstream client never wipes them.
/// </summary>
public sealed record EditSubscriptionCommand(Caller Caller, Guid SubscriptionId, SubscriptionFields Fields)
    : ICommand<SubscriptionDto>, IAuthorizedRequest, ISubscriptionCommand
{
    public Access Access => new(Caller, Actions.SubscriptionEdit, ApplicationId: Fields.ApplicationId, Facts: [AccessFacts.SubscriptionId(SubscriptionId)]);

    public static EditSubscriptionCommand From(Caller caller, Guid subscriptionId, SubscriptionPost body)
        => new(caller, subscriptionId, SubscriptionFields.From(body));
}
