using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Organizations.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Organizations.RemoveMember;

/// <summary>
/// Removes a member. Their existing access tokens keep the old role until they expire (at most five
/// minutes, as upstream); their next refresh or login no longer carries this organization.
/// </summary>
public sealed record RemoveMemberCommand(Caller Caller, Guid OrganizationId, Guid UserId) : ICommand<RemovedMember>, IAuthorizedRequest
{
    public Access Access => new(Caller, Actions.OrganizationRevoke, OrganizationId);
}

/// <summary>The removal as upstream echoes it.</summary>
public sealed record RemovedMember(Guid UserId);

internal sealed class RemoveMemberHandler(OrganizationsDbContext db) : ICommandHandler<RemoveMemberCommand, RemovedMember>
{
    public async ValueTask<RemovedMember> Handle(RemoveMemberCommand command, CancellationToken cancellationToken)
    {
        var removed = await db.Memberships
            .Where(m => m.OrganizationId == command.OrganizationId && m.UserId == command.UserId)
            .ExecuteDeleteAsync(cancellationToken);
        return removed == 0 ? throw Problems.NotFound.With("This user is not a member of this organization.") : new RemovedMember(command.UserId);
    }
}
