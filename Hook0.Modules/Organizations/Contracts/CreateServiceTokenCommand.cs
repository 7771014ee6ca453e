using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Organizations.Contracts;

/// <summary>Mints a <c>service_access</c> root token for the organization and records its revocation id.</summary>
public sealed record CreateServiceTokenCommand(Caller Caller, Guid OrganizationId, string Name) : ICommand<ServiceTokenDto>, IAuthorizedRequest
{
    public Access Access => new(Caller, Actions.ServiceTokenCreate, OrganizationId);
}
