using Hook0.Modules.Kernel.Audit;
using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Organizations.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Organizations.PortalSessions;

/// <summary>Ends one portal session at once: its page's next action (on any instance) finds it ended.</summary>
internal sealed record DeletePortalSessionCommand(Caller Caller, Guid PortalSessionId) : ICommand;

/// <summary>Reads the session's application first (the id is all the route has), then authorizes on it, as <c>GET /subscriptions/{id}</c> does.</summary>
internal sealed class DeletePortalSessionHandler(OrganizationsDbContext db, AccessPolicy policy, AuditTrail audit, TimeProvider time) : ICommandHandler<DeletePortalSessionCommand>
{
    public async ValueTask<Unit> Handle(DeletePortalSessionCommand command, CancellationToken cancellationToken)
    {
        var applicationId = await db.PortalSessions.AsNoTracking()
            .Where(s => s.Id == command.PortalSessionId && s.EndedAt == null)
            .Select(s => (Guid?)s.ApplicationId).FirstOrDefaultAsync(cancellationToken) ?? throw Problems.NotFound.ToException();
        await policy.AuthorizeAsync(new Access(command.Caller, Actions.PortalSessionDelete, ApplicationId: applicationId), cancellationToken);
        var now = time.UtcNowForDatabase();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.PortalSessions.Where(s => s.Id == command.PortalSessionId && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now), cancellationToken) == 1)
        {
            await audit.WriteAsync(AuditTrail.Prepare(null, new AuditChange(null, "portal_session", command.PortalSessionId, "end")
            {
                ApplicationId = applicationId,
                Caller = command.Caller,
            }), db, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return Unit.Value;
    }
}
