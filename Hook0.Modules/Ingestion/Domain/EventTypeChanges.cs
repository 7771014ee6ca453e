using Hook0.Modules.Ingestion.IngestEvent;
using Hook0.Modules.Kernel.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Ingestion.Domain;

/// <summary>Tells every instance's event type cache that a type changed (this instance at once).</summary>
internal static class EventTypeChanges
{
    public static async Task AnnounceAsync(DbContext db, EventTypeCatalog catalog, Guid applicationId, string name, CancellationToken cancellationToken)
    {
        catalog.Forget(applicationId, name);
        var payload = EventTypeCatalog.Key(applicationId, name);
        await db.Database.ExecuteSqlAsync($"SELECT pg_notify({PgNotificationHub.CacheChannel}, {payload})", cancellationToken);
    }
}
