using Hook0.Modules.Kernel.Audit;
using Hook0.Modules.Organizations.Contracts;
using Hook0.Modules.Organizations.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Organizations.CancelInvitation;

internal sealed class CancelInvitationHandler(OrganizationsDbContext db, AuditTrail audit) : ICommandHandler<CancelInvitationCommand, bool>
{
    public async ValueTask<bool> Handle(CancelInvitationCommand command, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.Invitations.Where(i => i.Id == command.InvitationId && i.OrganizationId == command.OrganizationId).ExecuteDeleteAsync(cancellationToken) != 1)
        {
            return false;
        }

        await audit.WriteAsync(AuditTrail.Prepare(null, new AuditChange(command.OrganizationId, "invitation", command.InvitationId, "delete")), db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
