namespace Hook0.Modules.Ingestion.Domain;

/// <summary>
/// An event id already taken, and where its event is: the event table is partitioned by reception time, so only
/// this narrow unpartitioned table can keep ids unique (ingest idempotency) and send a lookup by id to one partition.
/// Kept as long as its event (retention removes both).
/// </summary>
internal sealed class EventKey
{
    public Guid EventId { get; set; }
    public Guid ApplicationId { get; set; }
    public DateTime ReceivedAt { get; set; }
}
