using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Organizations.Contracts;

/// <summary>Renames a service token (the token itself, and its attenuations, are unchanged).</summary>
public sealed record EditServiceTokenCommand(Caller Caller, Guid TokenId, Guid OrganizationId, string Name) : ICommand<ServiceTokenDto>, IAuthorizedRequest
{
    public Access Access => new(Caller, Actions.ServiceTokenEdit, OrganizationId, Facts: [AccessFacts.ServiceTokenId(TokenId)]);
}
