using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Organizations.Contracts;

public sealed record GetServiceTokenQuery(Caller Caller, Guid TokenId, Guid OrganizationId) : IQuery<ServiceTokenDto>, IAuthorizedRequest
{
    public Access Access => new(Caller, Actions.ServiceTokenGet, OrganizationId, Facts: [AccessFacts.ServiceTokenId(TokenId)]);
}
