using Hook0.Modules.Organizations.Contracts;
using Hook0.Modules.Organizations.Data;
using Hook0.Modules.Organizations.SecretsAtRest;
using Hook0.Modules.Organizations.ServiceTokens;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Organizations.ListServiceTokens;

internal sealed class ListServiceTokensHandler(OrganizationsDbContext db, CredentialSealing sealing) : IQueryHandler<ListServiceTokensQuery, IReadOnlyList<ServiceTokenDto>>
{
    public async ValueTask<IReadOnlyList<ServiceTokenDto>> Handle(ListServiceTokensQuery query, CancellationToken cancellationToken)
    {
        var tokens = await db.LiveServiceTokens(query.OrganizationId).AsNoTracking()
            .OrderBy(t => t.CreatedAt).ThenBy(t => t.Id)
            .ToListAsync(cancellationToken);
        return [.. tokens.Select(t => t.ToDto(sealing))];
    }
}
