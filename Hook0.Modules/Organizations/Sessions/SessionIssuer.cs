using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Organizations.Contracts;
using Hook0.Modules.Organizations.Data;
using Hook0.Modules.Organizations.Domain;
using Hook0.Modules.Organizations.Tokens;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Organizations.Sessions;

/// <summary>
/// Issues a session's access and refresh tokens: both are recorded under the same session id (logout
/// expires them together), and the access token carries the user's roles at issue time.
/// </summary>
internal sealed class SessionIssuer(OrganizationsDbContext db, TokenMinter minter, TimeProvider time)
{
    /// <summary>Adds the two token rows to the context; the caller saves them in its own transaction.</summary>
    public async Task<LoginResponse> IssueAsync(User user, Guid sessionId, CancellationToken cancellationToken)
    {
        var roles = await db.Memberships.AsNoTracking()
            .Where(m => m.UserId == user.Id)
            .Select(m => new { m.OrganizationId, m.Role })
            .ToListAsync(cancellationToken);
        var now = time.UtcNowForDatabase();
        var accessId = Guid.NewGuid();
        var refreshId = Guid.NewGuid();
        var access = minter.UserAccess(accessId, sessionId, user.Id, user.Email, user.FirstName, user.LastName,
            roles.Select(r => (r.OrganizationId, r.Role)));
        var refresh = minter.Refresh(refreshId, sessionId, user.Id);
        db.Tokens.Add(Row(accessId, TokenTypes.UserAccess, access, user.Id, sessionId, now));
        db.Tokens.Add(Row(refreshId, TokenTypes.Refresh, refresh, user.Id, sessionId, now));
        return new LoginResponse(access.Biscuit, access.ExpiredAt!.Value, refresh.Biscuit, refresh.ExpiredAt!.Value,
            user.Id, user.Email, user.FirstName, user.LastName);
    }

    private static Token Row(Guid id, string type, MintedToken minted, Guid userId, Guid sessionId, DateTime now) => new()
    {
        Id = id,
        Type = type,
        RevocationId = minted.RevocationId,
        CreatedAt = now,
        ExpiredAt = minted.ExpiredAt,
        UserId = userId,
        SessionId = sessionId,
    };
}
