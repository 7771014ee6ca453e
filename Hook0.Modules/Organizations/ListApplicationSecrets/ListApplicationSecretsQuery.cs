using Hook0.Modules.Organizations.Contracts;
using Hook0.Modules.Organizations.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Organizations.ListApplicationSecrets;

internal sealed class ListApplicationSecretsHandler(OrganizationsDbContext db) : IQueryHandler<ListApplicationSecretsQuery, IReadOnlyList<ApplicationSecretDto>>
{
    public async ValueTask<IReadOnlyList<ApplicationSecretDto>> Handle(ListApplicationSecretsQuery query, CancellationToken cancellationToken)
        => await db.ApplicationSecrets.AsNoTracking()
            .Where(s => s.ApplicationId == query.ApplicationId && s.DeletedAt == null)
            .OrderBy(s => s.CreatedAt).ThenBy(s => s.Token)
            .Select(s => new ApplicationSecretDto(s.Name, s.Token, s.CreatedAt, s.DeletedAt))
            .ToListAsync(cancellationToken);
}
