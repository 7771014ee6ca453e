using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Organizations.Contracts;
using Hook0.Modules.Organizations.Data;
using Hook0.Modules.Organizations.Tokens;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Organizations.Sessions;

/// <summary>
/// Trades a refresh token for a new pair in the same session, inside the caller's transaction (the API's refresh
/// and the dashboard's server-side session both use it). A refresh token works once: its row is expired in the
/// same statement that checks it, so two concurrent refreshes cannot both win.
/// </summary>
internal sealed class SessionRefresher(OrganizationsDbContext db, TokenVerifier verifier, TokenRevocations revocations, SessionIssuer sessions, TimeProvider time)
{
    /// <exception cref="ProblemException"><c>AuthFailedRefresh</c>: not a live refresh token of this instance.</exception>
    public async Task<LoginResponse> RefreshAsync(string? refreshToken, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (refreshToken is not { } text
            || verifier.Verify(text) is not { UserId: { } userId, SessionId: { } sessionId } token
            || !TokenChecks.Pass(token, TokenTypes.Refresh, now))
        {
            throw Problems.AuthFailedRefresh.ToException();
        }

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
        return response;
    }
}
