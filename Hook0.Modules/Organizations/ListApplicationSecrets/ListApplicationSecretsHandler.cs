using Hook0.Modules.Organizations.Contracts;
using Hook0.Modules.Organizations.Data;
using Hook0.Modules.Organizations.SecretsAtRest;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Organizations.ListApplicationSecrets;

internal sealed class ListApplicationSecretsHandler(OrganizationsDbContext db, CredentialSealing sealing) : IQueryHandler<ListApplicationSecretsQuery, IReadOnlyList<ApplicationSecretDto>>
{
    /// <summary>Listed with their tokens, as upstream does (clients read them here): opened on the way out.</summary>
    public async ValueTask<IReadOnlyList<ApplicationSecretDto>> Handle(ListApplicationSecretsQuery query, CancellationToken cancellationToken)
    {
        var secrets = await db.ApplicationSecrets.AsNoTracking()
            .Where(s => s.ApplicationId == query.ApplicationId && s.DeletedAt == null)
            .OrderBy(s => s.CreatedAt).ThenBy(s => s.Id)
            .ToListAsync(cancellationToken);
        return [.. secrets.Select(s => new ApplicationSecretDto(s.Name, sealing.OpenToken(s), s.CreatedAt, s.DeletedAt))];
    }
}
