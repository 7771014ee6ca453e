using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Organizations.Contracts;

public sealed record EditOrganizationCommand(Caller Caller, Guid OrganizationId, string Name) : ICommand<OrganizationInfo>, IAuthorizedRequest
{
    public Access Access => new(Caller, Actions.OrganizationEdit, OrganizationId);
}
