using Hook0.Modules.Organizations.Contracts;
using Hook0.Modules.Organizations.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Organizations.ApplicationNames;

internal sealed class GetApplicationNamesHandler(OrganizationsDbContext db) : IQueryHandler<GetApplicationNamesQuery, IReadOnlyList<ApplicationName>>
{
    public async ValueTask<IReadOnlyList<ApplicationName>> Handle(GetApplicationNamesQuery query, CancellationToken cancellationToken)
        => await db.Applications.AsNoTracking()
            // Organization-wide figures leave the system application out (every organization has one since
            // ADR 0015, and like quotas they are about the organization's own applications); asked by id, it answers.
            .Where(a => (query.OrganizationId == null || a.OrganizationId == query.OrganizationId)
                        && (query.ApplicationId == null ? !a.IsSystem : a.Id == query.ApplicationId))
            .OrderBy(a => a.Name)
            .Select(a => new ApplicationName(a.Id, a.Name))
            .ToListAsync(cancellationToken);
}
