using Hook0.Modules.Organizations.Contracts;
using Hook0.Modules.Organizations.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Organizations.PayloadSearch;

internal sealed class GetPayloadSearchHandler(OrganizationsDbContext db) : IQueryHandler<GetPayloadSearchQuery, bool>
{
    public async ValueTask<bool> Handle(GetPayloadSearchQuery query, CancellationToken cancellationToken)
        => await db.Applications.AsNoTracking()
            .AnyAsync(a => a.Id == query.ApplicationId && a.DeletedAt == null && a.PayloadSearch, cancellationToken);
}
