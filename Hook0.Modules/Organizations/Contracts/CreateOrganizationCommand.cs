using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Organizations.Contracts;

/// <summary>Creates an organization; a user creating it becomes its editor (the master key may create one too, ADR 0004).</summary>
public sealed record CreateOrganizationCommand(Caller Caller, string Name) : ICommand<OrganizationInfo>, IAuthorizedRequest
{
    public Access Access => new(Caller, Actions.OrganizationCreate);
}
