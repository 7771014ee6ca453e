using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Organizations.Contracts;

/// <summary>Adds an existing user to the organization with a role (editor or viewer), within the members quota.</summary>
public sealed record InviteMemberCommand(Caller Caller, Guid OrganizationId, string Email, string Role) : ICommand<InvitedMember>, IAuthorizedRequest
{
    public Access Access => new(Caller, Actions.OrganizationInvite, OrganizationId);
}
