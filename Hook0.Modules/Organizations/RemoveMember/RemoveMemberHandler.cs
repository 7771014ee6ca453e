using Hook0.Modules.Kernel.Audit;
using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Organizations.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Hook0.Modules.Organizations.Contracts;

namespace Hook0.Modules.Organizations.RemoveMember;

internal sealed class RemoveMemberHandler(OrganizationsDbContext db, AuditTrail audit) : ICommandHandler<RemoveMemberCommand, RemovedMember>
{
    public async ValueTask<RemovedMember> Handle(RemoveMemberCommand command, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var removed = await db.Memberships
            .Where(m => m.OrganizationId == command.OrganizationId && m.UserId == command.UserId)
            .ExecuteDeleteAsync(cancellationToken);
        if (removed == 0)
        {
            throw Problems.NotFound.With("This user is not a member of this organization.");
        }

        await audit.WriteAsync(AuditTrail.Prepare(null, new AuditChange(command.OrganizationId, "member", command.UserId, "delete")), db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new RemovedMember(command.UserId);
    }
}
