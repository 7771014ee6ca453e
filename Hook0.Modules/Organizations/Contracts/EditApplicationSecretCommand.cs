using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Organizations.Contracts;

public sealed record EditApplicationSecretCommand(Caller Caller, Guid Token, Guid ApplicationId, string? Name)
    : ICommand<ApplicationSecretDto>, IAuthorizedRequest
{
    public Access Access => new(Caller, Actions.ApplicationSecretEdit, ApplicationId: ApplicationId);
}
