using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Organizations.Data;
using Hook0.Modules.Organizations.Tokens;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Organizations.Sessions;

/// <summary>Expires live session tokens and the dashboard sessions holding them (one session on logout; all of a user's on a password change or reset).</summary>
internal sealed class SessionRevoker(OrganizationsDbContext db, TokenRevocations revocations, TimeProvider time)
{
    public Task RevokeSessionAsync(Guid sessionId, CancellationToken cancellationToken)
        => RevokeAsync(db.Tokens.Where(t => t.SessionId == sessionId), db.DashboardSessions.Where(s => s.Id == sessionId), cancellationToken);

    public Task RevokeUserAsync(Guid userId, CancellationToken cancellationToken)
        => RevokeAsync(db.Tokens.Where(t => t.UserId == userId), db.DashboardSessions.Where(s => s.UserId == userId), cancellationToken);

    /// <summary>Call inside the transaction that makes the change, so the announcement goes out with its commit.</summary>
    private async Task RevokeAsync(IQueryable<Domain.Token> tokens, IQueryable<Domain.DashboardSession> dashboardSessions, CancellationToken cancellationToken)
    {
        var now = time.UtcNowForDatabase();
        // The dashboard's server-side sessions end with their tokens: the next request of any instance finds them revoked.
        await dashboardSessions.Where(s => s.RevokedAt == null).ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now), cancellationToken);
        var live = tokens.Where(t => t.Type != TokenTypes.ServiceAccess && (t.ExpiredAt == null || t.ExpiredAt > now));
        var ids = await live.Select(t => t.RevocationId).ToListAsync(cancellationToken);
        await live.ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiredAt, now), cancellationToken);
        await revocations.RevokedAsync(db, ids, cancellationToken);
    }
}
