using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Kernel.Secrets;
using Hook0.Modules.Organizations.Contracts;
using Hook0.Modules.Organizations.Data;
using Hook0.Modules.Organizations.Domain;
using Hook0.Modules.Organizations.Sessions;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hook0.Modules.Organizations.DashboardSessions;

internal sealed class ResumeDashboardSessionHandler(
    OrganizationsDbContext db, SessionRefresher refresher, SessionIssuer issuer, SecretBox box, IOptions<DashboardSessionOptions> options, TimeProvider time)
    : ICommandHandler<ResumeDashboardSessionCommand, DashboardSessionState?>
{
    /// <summary>Refresh this long before the access token expires, so a request never carries an expired one.</summary>
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Last seen is written at most this often: every page request and circuit call resumes the session, and a
    /// write each time would cost more than the idle lifetime's precision is worth.
    /// </summary>
    public static readonly TimeSpan SeenPrecision = TimeSpan.FromSeconds(60);

    public async ValueTask<DashboardSessionState?> Handle(ResumeDashboardSessionCommand command, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(command.Secret) || command.Secret.Length > DashboardSessionSecrets.SecretMaxLength)
        {
            return null;
        }

        var hash = box.LookupHash(command.Secret, DashboardSessionSecrets.Lookup);
        var now = time.UtcNowForDatabase();
        var found = await (from s in db.DashboardSessions.AsNoTracking()
                           join u in db.Users on s.UserId equals u.Id
                           where s.LookupHash == hash
                           select new { Session = s, u.Email }).FirstOrDefaultAsync(cancellationToken);
        if (found is not { Session: var session } || !IsLive(session, now))
        {
            return null;
        }

        if (command.Refresh || session.AccessTokenExpiresAt - now <= RefreshMargin)
        {
            return await RefreshAsync(session.Id, session.AccessTokenExpiresAt, command.Refresh, found.Email, cancellationToken);
        }

        if (now - session.LastSeenAt >= SeenPrecision)
        {
            await db.DashboardSessions.Where(s => s.Id == session.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now), cancellationToken);
        }

        return State(session, found.Email);
    }

    /// <summary>
    /// Under the row's lock: instances and circuits that find the token about to expire queue here, the first
    /// refreshes, the others find the token it left and use it (a refresh token is good once).
    /// </summary>
    private async Task<DashboardSessionState?> RefreshAsync(Guid id, DateTime seenExpiry, bool force, string email, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var locked = (await db.DashboardSessions
            .FromSql($"SELECT * FROM iam.dashboard_session WHERE dashboard_session_id = {id} FOR UPDATE")
            .ToListAsync(cancellationToken)).SingleOrDefault();
        var now = time.UtcNowForDatabase();
        if (locked is null || !IsLive(locked, now))
        {
            return null;
        }

        var stillNeeded = force ? locked.AccessTokenExpiresAt == seenExpiry : locked.AccessTokenExpiresAt - now <= RefreshMargin;
        if (stillNeeded)
        {
            LoginResponse fresh;
            try
            {
                fresh = await refresher.RefreshAsync(box.Open(locked.SealedRefreshToken, DashboardSessionSecrets.RefreshToken), cancellationToken);
            }
            catch (ProblemException)
            {
                // The refresh token lives 30 minutes, the session up to its idle lifetime: past it, the session itself is
                // the credential. It is live and not revoked (a revocation marks this row in the transaction that expires
                // its tokens, and this row is locked), so a new pair is issued for it.
                var user = await db.Users.FirstAsync(u => u.Id == locked.UserId, cancellationToken);
                fresh = await issuer.IssueAsync(user, locked.Id, cancellationToken);
            }

            locked.SealedAccessToken = box.Seal(fresh.AccessToken, DashboardSessionSecrets.AccessToken);
            locked.AccessTokenExpiresAt = fresh.AccessTokenExpiration;
            locked.SealedRefreshToken = box.Seal(fresh.RefreshToken, DashboardSessionSecrets.RefreshToken);
        }

        locked.LastSeenAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return State(locked, email);
    }

    private bool IsLive(DashboardSession session, DateTime now)
        => session.RevokedAt is null && session.ExpiresAt > now && session.LastSeenAt + options.Value.IdleTimeout > now;

    private DashboardSessionState State(DashboardSession session, string email)
        => new(session.Id, session.UserId, email, box.Open(session.SealedAccessToken, DashboardSessionSecrets.AccessToken));
}
