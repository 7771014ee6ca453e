using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Organizations.Contracts;

/// <summary>The organizations the caller can see, with the caller's role in each.</summary>
public sealed record ListOrganizationsQuery(Caller Caller) : IQuery<IReadOnlyList<OrganizationSummary>>, IAuthorizedRequest
{
    public Access Access => new(Caller, Actions.OrganizationList);
}
