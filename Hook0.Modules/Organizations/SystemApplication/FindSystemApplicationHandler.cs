using Hook0.Modules.Organizations.Contracts;
using Hook0.Modules.Organizations.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Organizations.SystemApplication;

internal sealed class FindSystemApplicationHandler(OrganizationsDbContext db) : IQueryHandler<FindSystemApplicationQuery, SystemApplicationOf?>
{
    public async ValueTask<SystemApplicationOf?> Handle(FindSystemApplicationQuery query, CancellationToken cancellationToken)
    {
        var application = await db.Applications.AsNoTracking()
            .Where(a => a.Id == query.ApplicationId && a.DeletedAt == null)
            .Select(a => new { a.OrganizationId, a.IsSystem })
            .FirstOrDefaultAsync(cancellationToken);
        if (application is null)
        {
            return null;
        }

        var system = await db.Applications.AsNoTracking()
            .Where(a => a.OrganizationId == application.OrganizationId && a.IsSystem && a.DeletedAt == null)
            .Select(a => (Guid?)a.Id)
            .FirstOrDefaultAsync(cancellationToken);
        return new SystemApplicationOf(application.OrganizationId, application.IsSystem, system);
    }
}
