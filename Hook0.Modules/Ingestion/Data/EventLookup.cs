using Hook0.Modules.Ingestion.Domain;

namespace Hook0.Modules.Ingestion.Data;

/// <summary>Finding an event by id in the partitioned event table.</summary>
internal static class EventLookup
{
    /// <summary>
    /// The event with this id, read in its one partition: its reception time comes from <c>event.event_key</c> in a
    /// scalar sub-query, which PostgreSQL evaluates first and prunes the other partitions with (without it an id
    /// costs one index probe per partition).
    /// </summary>
    public static IQueryable<Event> WithId(this IQueryable<Event> events, IngestionDbContext db, Guid eventId)
        => events.Where(e => e.Id == eventId
            && e.ReceivedAt == db.EventKeys.Where(k => k.EventId == eventId).Select(k => k.ReceivedAt).FirstOrDefault());
}
