using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Organizations.Contracts;

/// <summary>Deletes an organization for good, refused while it still owns a live application.</summary>
public sealed record DeleteOrganizationCommand(Caller Caller, Guid OrganizationId) : ICommand, IAuthorizedRequest
{
    public Access Access => new(Caller, Actions.OrganizationDelete, OrganizationId);
}
