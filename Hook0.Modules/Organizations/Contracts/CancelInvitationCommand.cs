using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Organizations.Contracts;

/// <summary>Withdraws a pending invitation; false when the organization has no such invitation (404).</summary>
public sealed record CancelInvitationCommand(Caller Caller, Guid OrganizationId, Guid InvitationId) : ICommand<bool>, IAuthorizedRequest
{
    public Access Access => new(Caller, Actions.OrganizationRevoke, OrganizationId);
}
