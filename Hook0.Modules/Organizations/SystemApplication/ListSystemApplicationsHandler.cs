using Hook0.Modules.Organizations.Contracts;
using Hook0.Modules.Organizations.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Organizations.SystemApplication;

internal sealed class ListSystemApplicationsHandler(OrganizationsDbContext db) : IQueryHandler<ListSystemApplicationsQuery, IReadOnlyList<Guid>>
{
    public async ValueTask<IReadOnlyList<Guid>> Handle(ListSystemApplicationsQuery query, CancellationToken cancellationToken)
        => await db.Applications.AsNoTracking().Where(a => a.IsSystem && a.DeletedAt == null).Select(a => a.Id).ToListAsync(cancellationToken);
}
