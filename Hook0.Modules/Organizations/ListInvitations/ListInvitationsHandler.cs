using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Organizations.Contracts;
using Hook0.Modules.Organizations.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Organizations.ListInvitations;

internal sealed class ListInvitationsHandler(OrganizationsDbContext db, TimeProvider time)
    : IQueryHandler<ListInvitationsQuery, IReadOnlyList<OrganizationInvitation>>
{
    public async ValueTask<IReadOnlyList<OrganizationInvitation>> Handle(ListInvitationsQuery query, CancellationToken cancellationToken)
    {
        var now = time.UtcNowForDatabase();
        return await db.Invitations.AsNoTracking()
            .Where(i => i.OrganizationId == query.OrganizationId && i.ExpiresAt > now)
            .OrderByDescending(i => i.CreatedAt)
            .Select(i => new OrganizationInvitation(i.Id, i.Email, i.Role, i.CreatedAt, i.ExpiresAt))
            .ToListAsync(cancellationToken);
    }
}
