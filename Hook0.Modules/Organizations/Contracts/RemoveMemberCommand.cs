using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Organizations.Contracts;

/// <summary>
/// Removes a member. Their existing access tokens keep the old role until they expire (at most five
/// minutes, as upstream); their next refresh or login no longer carries this organization.
/// </summary>
public sealed record RemoveMemberCommand(Caller Caller, Guid OrganizationId, Guid UserId) : ICommand<RemovedMember>, IAuthorizedRequest
{
    public Access Access => new(Caller, Actions.OrganizationRevoke, OrganizationId);
}
