using Hook0.Modules.Organizations.Contracts;
using Hook0.Modules.Organizations.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Organizations.ListApplications;

internal sealed class ListApplicationsHandler(OrganizationsDbContext db) : IQueryHandler<ListApplicationsQuery, IReadOnlyList<ApplicationDto>>
{
    public async ValueTask<IReadOnlyList<ApplicationDto>> Handle(ListApplicationsQuery query, CancellationToken cancellationToken)
        => await db.Applications.AsNoTracking()
            .Where(a => a.OrganizationId == query.OrganizationId && a.DeletedAt == null && !a.IsSystem)
            .OrderBy(a => a.Name).ThenBy(a => a.Id)
            .Select(a => new ApplicationDto(a.Id, a.OrganizationId, a.Name, a.PayloadSearch))
            .ToListAsync(cancellationToken);
}
