using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Organizations.Contracts;

public sealed record GetApplicationQuery(Caller Caller, Guid ApplicationId) : IQuery<ApplicationInfo>, IAuthorizedRequest
{
    public Access Access => new(Caller, Actions.ApplicationGet, ApplicationId: ApplicationId);
}
