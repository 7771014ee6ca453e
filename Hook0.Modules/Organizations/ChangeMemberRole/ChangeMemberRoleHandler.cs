using Hook0.Modules.Kernel.Audit;
using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Organizations.Data;
using Hook0.Modules.Organizations.Members;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Hook0.Modules.Organizations.Contracts;

namespace Hook0.Modules.Organizations.ChangeMemberRole;

internal sealed class ChangeMemberRoleHandler(OrganizationsDbContext db, AuditTrail audit) : ICommandHandler<ChangeMemberRoleCommand, ChangedRole>
{
    public async ValueTask<ChangedRole> Handle(ChangeMemberRoleCommand command, CancellationToken cancellationToken)
    {
        if (command.Caller is { Kind: CallerKind.User, UserId: { } self } && self == command.UserId)
        {
            throw Problems.Forbidden.With("You cannot change your own role.");
        }

        MemberRules.EnsureValidRole(command.Role);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var previous = await db.Memberships.Where(m => m.OrganizationId == command.OrganizationId && m.UserId == command.UserId)
            .Select(m => m.Role).FirstOrDefaultAsync(cancellationToken);
        var updated = await db.Memberships
            .Where(m => m.OrganizationId == command.OrganizationId && m.UserId == command.UserId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Role, command.Role), cancellationToken);
        if (updated == 0)
        {
            throw Problems.NotFound.With("This user is not a member of this organization.");
        }

        await audit.WriteAsync(AuditTrail.Prepare(null, new AuditChange(command.OrganizationId, "member", command.UserId, "role_change")
        {
            Details = new Dictionary<string, object?> { ["membership.role"] = new { from = previous, to = command.Role } },
        }), db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ChangedRole(command.UserId, command.Role);
    }
}
