using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Organizations.Contracts;
using Hook0.Modules.Organizations.Data;
using Hook0.Modules.Organizations.Sessions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Organizations.DashboardSessions;

internal sealed class EndDashboardSessionsHandler(OrganizationsDbContext db, SessionRevoker revoker, TimeProvider time)
    : ICommandHandler<EndDashboardSessionsCommand, int>
{
    public async ValueTask<int> Handle(EndDashboardSessionsCommand command, CancellationToken cancellationToken)
    {
        var userId = command.Caller.UserId ?? throw Problems.Forbidden.ToException();
        var now = time.UtcNowForDatabase();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var live = db.DashboardSessions.Where(s => s.UserId == userId && s.RevokedAt == null && s.ExpiresAt > now);
        int ended;
        if (command.SessionId is { } sessionId)
        {
            // Another user's session is not found: the id alone never ends someone else's sign-in.
            ended = await live.CountAsync(s => s.Id == sessionId, cancellationToken);
            if (ended > 0)
            {
                await revoker.RevokeSessionAsync(sessionId, cancellationToken);
            }
        }
        else
        {
            ended = await live.CountAsync(cancellationToken);
            await revoker.RevokeUserAsync(userId, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return ended;
    }
}
