using Hook0.Modules.Delivery.Subscriptions;
using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Delivery.Contracts;

/// <summary>Creates a subscription with a server-generated signing secret (sealed at rest), and an Ed25519 key on request.</summary>
public sealed record CreateSubscriptionCommand(Caller Caller, SubscriptionFields Fields)
    : ICommand<SubscriptionDto>, IAuthorizedRequest, ISubscriptionCommand
{
    public Access Access => new(Caller, Actions.SubscriptionCreate, ApplicationId: Fields.ApplicationId, Facts: [AccessFacts.Labels(Fields.Labels)]);

    /// <summary>
    /// At most this many live subscriptions of the application whose labels contain these ones (a customer portal's
    /// label scope, ADR 0028), counted under the same lock as the application's quota so two creations at the edge
    /// cannot both pass. Never set from a request body.
    /// </summary>
    public int? MaxInLabelScope { get; init; }

    public static CreateSubscriptionCommand From(Caller caller, SubscriptionPost body) => new(caller, SubscriptionFields.From(body));
}
