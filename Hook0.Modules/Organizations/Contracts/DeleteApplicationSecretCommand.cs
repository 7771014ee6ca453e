using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Organizations.Contracts;

/// <summary>Soft-deletes an application secret: it stops authenticating at once.</summary>
public sealed record DeleteApplicationSecretCommand(Caller Caller, Guid Token, Guid ApplicationId) : ICommand, IAuthorizedRequest
{
    public Access Access => new(Caller, Actions.ApplicationSecretDelete, ApplicationId: ApplicationId);
}
