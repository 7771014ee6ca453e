using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Organizations.Contracts;

/// <summary>
/// Invites an e-mail address to the organization with a role (editor or viewer), within the members
/// quota. Nobody is added: the address gets a pending invitation to accept, whether it has an account
/// or not, and the answer is the same either way (ADR 0015).
/// </summary>
public sealed record InviteMemberCommand(Caller Caller, Guid OrganizationId, string Email, string Role) : ICommand<InvitedMember>, IAuthorizedRequest
{
    public Access Access => new(Caller, Actions.OrganizationInvite, OrganizationId);
}
