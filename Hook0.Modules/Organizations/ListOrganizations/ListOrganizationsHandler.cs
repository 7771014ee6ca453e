using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Organizations.Contracts;
using Hook0.Modules.Organizations.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Organizations.ListOrganizations;

internal sealed class ListOrganizationsHandler(OrganizationsDbContext db) : IQueryHandler<ListOrganizationsQuery, IReadOnlyList<OrganizationSummary>>
{
    public async ValueTask<IReadOnlyList<OrganizationSummary>> Handle(ListOrganizationsQuery query, CancellationToken cancellationToken)
    {
        var caller = query.Caller;
        var organizations = db.Organizations.AsNoTracking();
        return caller.Kind switch
        {
            CallerKind.Master => await organizations.OrderBy(o => o.Name)
                .Select(o => new OrganizationSummary(o.Id, "master", o.Name, null)).ToListAsync(cancellationToken),
            CallerKind.ServiceToken => await organizations.Where(o => o.Id == caller.OrganizationId)
                .Select(o => new OrganizationSummary(o.Id, "editor", o.Name, null)).ToListAsync(cancellationToken),
            CallerKind.User => await (
                    from m in db.Memberships.AsNoTracking()
                    join o in organizations on m.OrganizationId equals o.Id
                    where m.UserId == caller.UserId
                    orderby o.Name
                    select new OrganizationSummary(o.Id, m.Role, o.Name, null))
                .ToListAsync(cancellationToken),
            _ => [],
        };
    }
}
