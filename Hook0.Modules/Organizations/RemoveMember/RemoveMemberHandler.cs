using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Organizations.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Hook0.Modules.Organizations.Contracts;

namespace Hook0.Modules.Organizations.RemoveMember;

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
