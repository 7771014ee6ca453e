using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Kernel.Quotas;
using Hook0.Modules.Organizations.Contracts;
using Hook0.Modules.Organizations.Data;
using Hook0.Modules.Organizations.Domain;
using Hook0.Modules.Organizations.Quotas;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Organizations.AnswerInvitation;

internal sealed class AnswerInvitationHandler(OrganizationsDbContext db, QuotaResolver quotas, TimeProvider time)
    : ICommandHandler<AnswerInvitationCommand, AnsweredInvitation?>
{
    public async ValueTask<AnsweredInvitation?> Handle(AnswerInvitationCommand command, CancellationToken cancellationToken)
    {
        var now = time.UtcNowForDatabase();
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == command.Caller.UserId && u.EmailVerifiedAt != null, cancellationToken);
        if (user is null)
        {
            return null;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var invitation = await db.Invitations.AsNoTracking().FirstOrDefaultAsync(
            i => i.Id == command.InvitationId && i.NormalizedEmail == user.NormalizedEmail && i.ExpiresAt > now, cancellationToken);
        if (invitation is null)
        {
            return null;
        }

        // The lock inviting takes, taken first here too (one order, no deadlock with a renewed invitation),
        // then the delete is the claim: of two answers at once the second deletes nothing and is a 404,
        // never a duplicate membership.
        await QuotaGate.LockAsync(db, "members", invitation.OrganizationId, cancellationToken);
        if (await db.Invitations.Where(i => i.Id == invitation.Id).ExecuteDeleteAsync(cancellationToken) == 0)
        {
            return null;
        }

        if (command.Accept)
        {
            var alreadyMember = await db.Memberships.AnyAsync(m => m.OrganizationId == invitation.OrganizationId && m.UserId == user.Id, cancellationToken);
            var limits = await quotas.ForOrganizationAsync(invitation.OrganizationId, cancellationToken);
            // Accepting is where the members quota is finally spent.
            if (limits.Enforced && !alreadyMember)
            {
                var members = await db.Memberships.CountAsync(m => m.OrganizationId == invitation.OrganizationId, cancellationToken);
                QuotaGate.EnsureRoom(members, limits.MembersPerOrganization, Problems.TooManyMembersPerOrganization);
            }

            if (!alreadyMember)
            {
                db.Memberships.Add(new Membership { UserId = user.Id, OrganizationId = invitation.OrganizationId, Role = invitation.Role, CreatedAt = now });
                await db.SaveChangesAsync(cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return new AnsweredInvitation(invitation.OrganizationId, invitation.Role, command.Accept);
    }
}
