using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Organizations.Contracts;

public sealed record EditApplicationCommand(Caller Caller, Guid ApplicationId, string Name, bool? PayloadSearch = null) : ICommand<ApplicationDto>, IAuthorizedRequest
{
    public Access Access => new(Caller, Actions.ApplicationEdit, ApplicationId: ApplicationId);
}
