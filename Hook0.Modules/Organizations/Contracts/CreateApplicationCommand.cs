using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Organizations.Contracts;

/// <summary>Creates an application and, in the same transaction, its "Default" application secret.</summary>
public sealed record CreateApplicationCommand(Caller Caller, Guid OrganizationId, string Name, bool PayloadSearch = false) : ICommand<ApplicationDto>, IAuthorizedRequest
{
    public Access Access => new(Caller, Actions.ApplicationCreate, OrganizationId);
}
