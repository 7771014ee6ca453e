using Hook0.Modules.Kernel.Notifications;
using Hook0.Modules.Organizations.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Organizations.Authentication;

/// <summary>Announces credential and application changes to every instance's caches, this one included.</summary>
internal sealed class CacheInvalidation(OrganizationsCaches caches)
{
    /// <summary>Takes the secret's lookup hash: the secret itself never goes into a notification.</summary>
    public async Task SecretRevokedAsync(DbContext db, byte[] tokenHash, CancellationToken cancellationToken)
    {
        var key = Convert.ToHexStringLower(tokenHash);
        caches.Secrets.Remove(key);
        await NotifyAsync(db, $"{OrganizationsCaches.SecretTopic}:{key}", cancellationToken);
    }

    /// <summary>An application's settings changed: every module's cache of it (<see cref="GetPayloadSearchQuery.CacheTopic"/>) reloads.</summary>
    public async Task ApplicationChangedAsync(DbContext db, Guid applicationId, CancellationToken cancellationToken)
    {
        caches.Applications.Remove(applicationId);
        await NotifyAsync(db, $"{OrganizationsCaches.ApplicationTopic}:{applicationId}", cancellationToken);
    }

    /// <summary>An application going away takes its secrets with it, whichever they are.</summary>
    public async Task ApplicationRemovedAsync(DbContext db, Guid applicationId, CancellationToken cancellationToken)
    {
        caches.Applications.Remove(applicationId);
        caches.Secrets.Clear();
        await NotifyAsync(db, $"{OrganizationsCaches.ApplicationTopic}:{applicationId}", cancellationToken);
        await NotifyAsync(db, $"{OrganizationsCaches.SecretTopic}:*", cancellationToken);
    }

    private static async Task NotifyAsync(DbContext db, string payload, CancellationToken cancellationToken)
        => await db.Database.ExecuteSqlAsync($"SELECT pg_notify({PgNotificationHub.CacheChannel}, {payload})", cancellationToken);
}
