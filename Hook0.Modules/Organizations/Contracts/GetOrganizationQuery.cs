using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Organizations.Contracts;

public sealed record GetOrganizationQuery(Caller Caller, Guid OrganizationId) : IQuery<OrganizationInfo>, IAuthorizedRequest
{
    public Access Access => new(Caller, Actions.OrganizationGet, OrganizationId);
}
