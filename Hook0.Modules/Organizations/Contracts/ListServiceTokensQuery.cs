using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Organizations.Contracts;

/// <summary>The organization's live service tokens, oldest first.</summary>
public sealed record ListServiceTokensQuery(Caller Caller, Guid OrganizationId) : IQuery<IReadOnlyList<ServiceTokenDto>>, IAuthorizedRequest
{
    public Access Access => new(Caller, Actions.ServiceTokenList, OrganizationId);
}
