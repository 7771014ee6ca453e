using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Organizations.Contracts;

/// <summary>Changes a member's role; a user can never change their own (so the last editor cannot lock everyone out by mistake).</summary>
public sealed record ChangeMemberRoleCommand(Caller Caller, Guid OrganizationId, Guid UserId, string Role) : ICommand<ChangedRole>, IAuthorizedRequest
{
    public Access Access => new(Caller, Actions.OrganizationEditRole, OrganizationId);
}
