using Hook0.Modules.Kernel.Notifications;
using Hook0.Modules.Organizations.Data;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Organizations.Tokens;

/// <summary>
/// Is a root token (found by its authority block's revocation id) still live? Asked on every request.
/// Live answers are cached for a few seconds; revoking drops the entry here at once and, through the
/// cache channel, on every other instance, so logout and revocation take effect immediately.
/// </summary>
internal sealed class TokenRevocations(PgNotificationHub hub, TimeProvider time)
{
    public const string Topic = "token";

    private readonly InvalidatedCache<string, LiveToken?> _live =
        new(hub, time, TimeSpan.FromSeconds(30), Topic, (string k, out string key) => { key = k; return k.Length > 0; });

    public async ValueTask<bool> IsLiveAsync(OrganizationsDbOnDemand db, string revocationIdHex, CancellationToken cancellationToken)
    {
        var live = await _live.GetOrLoadAsync(revocationIdHex, async (hex, ct) =>
        {
            var id = Convert.FromHexString(hex);
            var now = time.GetUtcNow().UtcDateTime;
            return await db.Db.Tokens.AsNoTracking()
                .Where(t => t.RevocationId == id && (t.ExpiredAt == null || t.ExpiredAt > now))
                .Select(t => new LiveToken(t.ExpiredAt))
                .FirstOrDefaultAsync(ct);
        }, cancellationToken);
        return live is not null && (live.ExpiredAt is null || live.ExpiredAt > time.GetUtcNow().UtcDateTime);
    }

    /// <summary>Announces revoked tokens to every instance; call inside the revoking transaction.</summary>
    public async Task RevokedAsync(DbContext db, IEnumerable<byte[]> revocationIds, CancellationToken cancellationToken)
    {
        foreach (var id in revocationIds)
        {
            var hex = Convert.ToHexStringLower(id);
            _live.Remove(hex);
            await db.Database.ExecuteSqlAsync($"SELECT pg_notify({PgNotificationHub.CacheChannel}, {Topic + ":" + hex})", cancellationToken);
        }
    }

    private sealed record LiveToken(DateTime? ExpiredAt);
}
