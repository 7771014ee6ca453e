using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Organizations.Data;
using Hook0.Modules.Organizations.Members;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Organizations.ChangeMemberRole;

/// <summary>Changes a member's role; a user can never change their own (so the last editor cannot lock everyone out by mistake).</summary>
public sealed record ChangeMemberRoleCommand(Caller Caller, Guid OrganizationId, Guid UserId, string Role) : ICommand<ChangedRole>, IAuthorizedRequest
{
    public Access Access => new(Caller, Actions.OrganizationEditRole, OrganizationId);
}

/// <summary>The change as upstream echoes it.</summary>
public sealed record ChangedRole(Guid UserId, string Role);

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
