using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Organizations.Contracts;
using Hook0.Modules.Organizations.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Organizations.ListMyInvitations;

internal sealed class ListMyInvitationsHandler(OrganizationsDbContext db, TimeProvider time)
    : IQueryHandler<ListMyInvitationsQuery, IReadOnlyList<PendingInvitation>>
{
    public async ValueTask<IReadOnlyList<PendingInvitation>> Handle(ListMyInvitationsQuery query, CancellationToken cancellationToken)
    {
        var now = time.UtcNowForDatabase();
        // Only a verified address receives invitations: whoever registered someone else's address cannot read theirs.
        return await (from user in db.Users
                      where user.Id == query.Caller.UserId && user.EmailVerifiedAt != null
                      join invitation in db.Invitations on user.NormalizedEmail equals invitation.NormalizedEmail
                      join organization in db.Organizations on invitation.OrganizationId equals organization.Id
                      where invitation.ExpiresAt > now
                      orderby invitation.CreatedAt descending
                      select new PendingInvitation(invitation.Id, organization.Id, organization.Name, invitation.Role, invitation.CreatedAt, invitation.ExpiresAt))
            .AsNoTracking().Take(Domain.Invitation.MaximumPendingPerOrganization * 4).ToListAsync(cancellationToken);
    }
}
