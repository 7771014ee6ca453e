using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Organizations.Contracts;

public sealed record ListApplicationSecretsQuery(Caller Caller, Guid ApplicationId) : IQuery<IReadOnlyList<ApplicationSecretDto>>, IAuthorizedRequest
{
    public Access Access => new(Caller, Actions.ApplicationSecretList, ApplicationId: ApplicationId);
}
