using Mediator;

namespace Hook0.Modules.Organizations.Contracts;

/// <summary>
/// Tells the organization's editors (verified addresses) by e-mail that one of its subscriptions became
/// failing, was disabled, or recovered. Answers how many e-mails were sent; a mail failure is logged,
/// never thrown.
/// </summary>
/// <param name="OrganizationId">The organization.</param>
/// <param name="ApplicationId">The subscription's application.</param>
/// <param name="SubscriptionId">The subscription.</param>
/// <param name="State">The health state it entered: <c>failing</c>, <c>disabled</c> or <c>healthy</c>.</param>
/// <param name="Description">The subscription's description, if any.</param>
/// <param name="TargetUrl">Where it delivers.</param>
/// <param name="Reason">Why, as its health object says.</param>
public sealed record EmailSubscriptionHealthCommand(
    Guid OrganizationId,
    Guid ApplicationId,
    Guid SubscriptionId,
    string State,
    string? Description,
    string TargetUrl,
    string Reason) : ICommand<int>;
