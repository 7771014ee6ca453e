using System.Security.Cryptography;
using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Kernel.Settings;
using Hook0.Modules.Organizations.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hook0.Modules.Organizations.Authentication;

/// <summary>
/// Upstream's compatibility mode: a bearer that is the UUID of a live application secret of a live
/// application acts on that one application, and nothing else.
/// </summary>
internal sealed class ApplicationSecretResolver(OrganizationsDbContext db, OrganizationsCaches caches, IOptions<ServerOptions> options)
    : IBearerCredentialResolver
{
    public int Order => 10;

    public async ValueTask<Caller?> ResolveAsync(string bearer, CancellationToken cancellationToken)
    {
        if (!options.Value.ApplicationSecretCompatibility || !Guid.TryParseExact(bearer, "D", out var token))
        {
            return null;
        }

        var owner = await caches.Secrets.GetOrLoadAsync(token, LoadAsync, cancellationToken);
        return owner is null
            ? null
            : new Caller(CallerKind.ApplicationSecret, owner.OrganizationId, owner.ApplicationId, RateLimitKey: RateLimitKey(token));
    }

    /// <summary>A per-secret key that is not the secret itself (keys may show up in diagnostics).</summary>
    private static string RateLimitKey(Guid token)
        => "secret:" + Convert.ToHexStringLower(SHA256.HashData(token.ToByteArray()))[..32];

    private async Task<SecretOwner?> LoadAsync(Guid token, CancellationToken cancellationToken)
        => await (
                from secret in db.ApplicationSecrets.AsNoTracking()
                join application in db.Applications.AsNoTracking() on secret.ApplicationId equals application.Id
                where secret.Token == token && secret.DeletedAt == null && application.DeletedAt == null
                select new SecretOwner(application.Id, application.OrganizationId))
            .FirstOrDefaultAsync(cancellationToken);
}
