using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Delivery.OperationalWebhooks;

/// <summary>
/// Where an organization subscribes to Hook0's events about itself: its system application (created
/// with the organization, with its event types) and the labels every operational event carries.
/// A pure read: it changes nothing (ADR 0015).
/// </summary>
public sealed record GetOperationalWebhooksQuery(Caller Caller, Guid OrganizationId) : IQuery<OperationalWebhooksDto>, IAuthorizedRequest
{
    public Access Access => new(Caller, Actions.OrganizationGet, OrganizationId);
}

/// <param name="OrganizationId">The organization.</param>
/// <param name="ApplicationId">The system application: subscribe to it with the subscriptions API.</param>
/// <param name="EventTypes">The operational event types it has.</param>
/// <param name="Labels">Labels every operational event of this organization carries (a subscription's labels must be among them).</param>
public sealed record OperationalWebhooksDto(Guid OrganizationId, Guid ApplicationId, IReadOnlyList<string> EventTypes, IReadOnlyDictionary<string, string> Labels);
