using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Organizations.Contracts;
using Hook0.Modules.Organizations.Data;
using Hook0.Modules.Organizations.ServiceTokens;
using Mediator;

namespace Hook0.Modules.Organizations.GetServiceToken;

public sealed record GetServiceTokenQuery(Caller Caller, Guid TokenId, Guid OrganizationId) : IQuery<ServiceTokenDto>, IAuthorizedRequest
{
    public Access Access => new(Caller, Actions.ServiceTokenGet, OrganizationId, Facts: [AccessFacts.ServiceTokenId(TokenId)]);
}

internal sealed class GetServiceTokenHandler(OrganizationsDbContext db) : IQueryHandler<GetServiceTokenQuery, ServiceTokenDto>
{
    public async ValueTask<ServiceTokenDto> Handle(GetServiceTokenQuery query, CancellationToken cancellationToken)
        => (await db.FindLiveAsync(query.OrganizationId, query.TokenId, cancellationToken)).ToDto();
}
