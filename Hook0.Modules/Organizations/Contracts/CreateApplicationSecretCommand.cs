using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Organizations.Contracts;

public sealed record CreateApplicationSecretCommand(Caller Caller, Guid ApplicationId, string? Name) : ICommand<ApplicationSecretDto>, IAuthorizedRequest
{
    public Access Access => new(Caller, Actions.ApplicationSecretCreate, ApplicationId: ApplicationId);
}
