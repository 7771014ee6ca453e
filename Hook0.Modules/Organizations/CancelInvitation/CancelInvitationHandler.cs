using Hook0.Modules.Organizations.Contracts;
using Hook0.Modules.Organizations.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Organizations.CancelInvitation;

internal sealed class CancelInvitationHandler(OrganizationsDbContext db) : ICommandHandler<CancelInvitationCommand, bool>
{
    public async ValueTask<bool> Handle(CancelInvitationCommand command, CancellationToken cancellationToken)
        => await db.Invitations.Where(i => i.Id == command.InvitationId && i.OrganizationId == command.OrganizationId)
            .ExecuteDeleteAsync(cancellationToken) == 1;
}
