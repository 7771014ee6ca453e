using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Organizations.Data;
using Hook0.Modules.Organizations.Members;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Hook0.Modules.Organizations.Contracts;

namespace Hook0.Modules.Organizations.ChangeMemberRole;

internal sealed class ChangeMemberRoleHandler(OrganizationsDbContext db) : ICommandHandler<ChangeMemberRoleCommand, ChangedRole>
{
    public async ValueTask<ChangedRole> Handle(ChangeMemberRoleCommand command, CancellationToken cancellationToken)
    {
        if (command.Caller is { Kind: CallerKind.User, UserId: { } self } && self == command.UserId)
        {
            throw Problems.Forbidden.With("You cannot change your own role.");
        }

        MemberRules.EnsureValidRole(command.Role);
        var updated = await db.Memberships
            .Where(m => m.OrganizationId == command.OrganizationId && m.UserId == command.UserId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Role, command.Role), cancellationToken);
        return updated == 0 ? throw Problems.NotFound.With("This user is not a member of this organization.") : new ChangedRole(command.UserId, command.Role);
    }
}
