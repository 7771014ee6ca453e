using Hook0.Biscuit.Datalog;
using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Organizations.Data;
using Hook0.Modules.Organizations.Domain;
using Hook0.Modules.Organizations.Tokens;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Organizations.PortalSessions;

/// <summary>
/// Whether a portal session may still act, asked at the exchange and at every portal action: not ended, not
/// expired, its application not deleted, and its issuer live — a service token not revoked (the same check and cache
/// as every API call, <see cref="TokenRevocations"/>), or a user's session neither signed out nor expired. Answers the
/// facts the token's checks ask for, or null.
/// </summary>
internal sealed class PortalLiveness(OrganizationsDbOnDemand db, TokenRevocations revocations, IApplicationDirectory applications, TimeProvider time)
{
    public async ValueTask<IReadOnlyList<Fact>?> LiveFactsAsync(PortalSession session, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (session.EndedAt is not null || session.ExpiresAt <= now
            || await applications.GetOrganizationIdAsync(session.ApplicationId, cancellationToken) is null)
        {
            return null;
        }

        if (session.IssuerRevocationId is { } revocationId)
        {
            var hex = Convert.ToHexStringLower(revocationId);
            return await revocations.IsLiveAsync(db, hex, cancellationToken)
                ? [PortalTokens.LiveSession(session.Id), PortalTokens.LiveIssuer(hex)]
                : null;
        }

        if (session.IssuerSessionId is { } issuerSession && await UserSessionLiveAsync(issuerSession, now, cancellationToken))
        {
            return [PortalTokens.LiveSession(session.Id), PortalTokens.LiveIssuerSession(issuerSession)];
        }

        return null;
    }

    /// <summary>A user's session lives while its dashboard session does, or while one of its API tokens is unexpired (logout expires them all).</summary>
    private async Task<bool> UserSessionLiveAsync(Guid sessionId, DateTime now, CancellationToken cancellationToken)
        => await db.Db.DashboardSessions.AsNoTracking().AnyAsync(s => s.Id == sessionId && s.RevokedAt == null && s.ExpiresAt > now, cancellationToken)
            || await db.Db.Tokens.AsNoTracking().AnyAsync(t => t.SessionId == sessionId && (t.ExpiredAt == null || t.ExpiredAt > now), cancellationToken);
}
