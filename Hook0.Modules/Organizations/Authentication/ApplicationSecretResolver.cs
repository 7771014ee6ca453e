using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Kernel.Settings;
using Hook0.Modules.Organizations.Data;
using Hook0.Modules.Organizations.SecretsAtRest;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hook0.Modules.Organizations.Authentication;

/// <summary>
/// Upstream's compatibility mode: a bearer that is the UUID of a live application secret of a live
/// application acts on that one application, and nothing else.
/// </summary>
internal sealed class ApplicationSecretResolver(OrganizationsDbOnDemand db, OrganizationsCaches caches, CredentialSealing sealing, IOptions<ServerOptions> options)
    : IBearerCredentialResolver
{
    public int Order => 10;

    public async ValueTask<Caller?> ResolveAsync(string bearer, CancellationToken cancellationToken)
    {
        if (!options.Value.ApplicationSecretCompatibility || !Guid.TryParseExact(bearer, "D", out var token))
        {
            return null;
        }

        // Found by its keyed hash: neither the database query nor the cache (nor the invalidation
        // notices between instances) ever carries the secret itself.
        var hash = Convert.ToHexStringLower(sealing.HashToken(token));
        var owner = await caches.Secrets.GetOrLoadAsync(hash, LoadAsync, cancellationToken);
        return owner is null
            ? null
            : new Caller(CallerKind.ApplicationSecret, owner.OrganizationId, owner.ApplicationId, RateLimitKey: "secret:" + hash[..32]);
    }

    private async Task<SecretOwner?> LoadAsync(string hash, CancellationToken cancellationToken)
    {
        var tokenHash = Convert.FromHexString(hash);
        return await (
                from secret in db.Db.ApplicationSecrets.AsNoTracking()
                join application in db.Db.Applications.AsNoTracking() on secret.ApplicationId equals application.Id
                where secret.TokenHash == tokenHash && secret.DeletedAt == null && application.DeletedAt == null
                select new SecretOwner(application.Id, application.OrganizationId))
            .FirstOrDefaultAsync(cancellationToken);
    }
}
