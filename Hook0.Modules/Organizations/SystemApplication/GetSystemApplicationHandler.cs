using Hook0.Modules.Organizations.Contracts;
using Hook0.Modules.Organizations.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Organizations.SystemApplication;

internal sealed class GetSystemApplicationHandler(OrganizationsDbContext db) : IQueryHandler<GetSystemApplicationQuery, Guid?>
{
    public async ValueTask<Guid?> Handle(GetSystemApplicationQuery query, CancellationToken cancellationToken)
        => await db.Applications.AsNoTracking()
            .Where(a => a.OrganizationId == query.OrganizationId && a.IsSystem && a.DeletedAt == null)
            .Select(a => (Guid?)a.Id)
            .FirstOrDefaultAsync(cancellationToken);
}
