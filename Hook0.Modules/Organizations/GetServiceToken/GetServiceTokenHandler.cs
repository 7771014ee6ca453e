using Hook0.Modules.Organizations.Contracts;
using Hook0.Modules.Organizations.Data;
using Hook0.Modules.Organizations.SecretsAtRest;
using Hook0.Modules.Organizations.ServiceTokens;
using Mediator;

namespace Hook0.Modules.Organizations.GetServiceToken;

internal sealed class GetServiceTokenHandler(OrganizationsDbContext db, CredentialSealing sealing) : IQueryHandler<GetServiceTokenQuery, ServiceTokenDto>
{
    public async ValueTask<ServiceTokenDto> Handle(GetServiceTokenQuery query, CancellationToken cancellationToken)
        => (await db.FindLiveAsync(query.OrganizationId, query.TokenId, cancellationToken)).ToDto(sealing);
}
