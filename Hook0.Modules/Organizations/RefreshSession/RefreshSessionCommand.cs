using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Organizations.Contracts;
using Hook0.Modules.Organizations.Data;
using Hook0.Modules.Organizations.Sessions;
using Hook0.Modules.Organizations.Tokens;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Organizations.RefreshSession;

internal sealed class RefreshSessionHandler(
    OrganizationsDbContext db,
    TokenVerifier verifier,
    TokenRevocations revocations,
    SessionIssuer sessions,
    TimeProvider time) : ICommandHandler<RefreshSessionCommand, LoginResponse>
{
    public async ValueTask<LoginResponse> Handle(RefreshSessionCommand command, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (command.RefreshToken is not { } text
            || verifier.Verify(text) is not { UserId: { } userId, SessionId: { } sessionId } token
            || !TokenChecks.Pass(token, TokenTypes.Refresh, now))
        {
            throw Problems.AuthFailedRefresh.ToException();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var revocationId = token.RevocationId;
        var row = db.Tokens.Where(t => t.RevocationId == revocationId && t.Type == TokenTypes.Refresh);
        // A no-op update takes the row lock first: concurrent refreshes with one token queue here, and
        // each reads the clock only once it holds the lock, so a use by another request always looks
        // past (comparing with a clock read before waiting could let two win).
        await row.ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiredAt, t => t.ExpiredAt), cancellationToken);
        var nowForDatabase = time.UtcNowForDatabase();
        var used = await db.Tokens
            .Where(t => t.RevocationId == revocationId && t.Type == TokenTypes.Refresh && t.ExpiredAt > nowForDatabase)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiredAt, nowForDatabase), cancellationToken);
        var user = used == 1 ? await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken) : null;
        if (user is null)
        {
            throw Problems.AuthFailedRefresh.ToException();
        }

        await revocations.RevokedAsync(db, [revocationId], cancellationToken);
        var response = await sessions.IssueAsync(user, sessionId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return response;
    }
}
