using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Organizations.Contracts;

public sealed record ListApplicationsQuery(Caller Caller, Guid OrganizationId) : IQuery<IReadOnlyList<ApplicationDto>>, IAuthorizedRequest
{
    public Access Access => new(Caller, Actions.ApplicationList, OrganizationId);
}
