using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Delivery.Contracts;

/// <summary>
/// Onboarding's last step: when an application (or any application of an organization) first had a
/// delivery succeed, as far as the analytics roll-up has read and retention keeps.
/// </summary>
public sealed record GetDeliveryProgressQuery(Caller Caller, Guid? OrganizationId, Guid? ApplicationId)
    : IQuery<DeliveryProgress>, IAuthorizedRequest
{
    public Access Access => ApplicationId is { } app
        ? new(Caller, Actions.RequestAttemptList, ApplicationId: app)
        : new(Caller, Actions.OrganizationGet, OrganizationId);
}

/// <param name="FirstDeliveryAt">The minute of the earliest successful delivery kept; null when none.</param>
public sealed record DeliveryProgress(DateTime? FirstDeliveryAt);
