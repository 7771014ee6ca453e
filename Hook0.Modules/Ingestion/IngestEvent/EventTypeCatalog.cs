using Hook0.Modules.Ingestion.Data;
using Hook0.Modules.Kernel.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hook0.Modules.Ingestion.IngestEvent;

/// <summary>
/// Which event types exist, with their compiled payload schema: read on every ingest, so cached per
/// instance and invalidated on every instance (NOTIFY) when a type is created, changed or deactivated.
/// </summary>
internal sealed class EventTypeCatalog(PgNotificationHub hub, TimeProvider time, IServiceScopeFactory scopes, IOptions<IngestOptions> options)
{
    public const string Topic = "event_type";

    private readonly InvalidatedCache<(Guid, string), KnownEventType?> _cache =
        new(hub, time, TimeSpan.FromMinutes(5), Topic, TryParse);

    public async ValueTask<KnownEventType?> FindAsync(Guid applicationId, string name, CancellationToken cancellationToken)
        => await _cache.GetOrLoadAsync((applicationId, name), LoadAsync, cancellationToken);

    public void Forget(Guid applicationId, string name) => _cache.Remove((applicationId, name));

    public static string Key(Guid applicationId, string name) => $"{Topic}:{applicationId}/{name}";

    private async Task<KnownEventType?> LoadAsync((Guid ApplicationId, string Name) key, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IngestionDbContext>();
        var row = await db.EventTypes.AsNoTracking()
            .Where(t => t.ApplicationId == key.ApplicationId && t.Name == key.Name)
            .Select(t => new { t.PayloadSchema })
            .FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : new KnownEventType(row.PayloadSchema is null ? null : PayloadSchemas.Compile(row.PayloadSchema, options.Value.PayloadSchemaTimeLimit));
    }

    private static bool TryParse(string text, out (Guid, string) key)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0 && Guid.TryParse(text[..slash], out var application))
        {
            key = (application, text[(slash + 1)..]);
            return true;
        }

        key = default;
        return false;
    }
}

/// <summary>An existing event type (deactivated ones included: they do not block ingestion, as upstream).</summary>
internal sealed record KnownEventType(PayloadSchema? Schema);
