using System.ComponentModel.DataAnnotations;
using Hook0.Modules.Kernel.Settings;
using Microsoft.Extensions.Configuration;

namespace Hook0.Modules.Ingestion.IngestEvent;

/// <summary>Group commit of ingested events (see <see cref="IngestGroupCommit"/>), and the payload-schema time budget.</summary>
public sealed class IngestOptions
{
    /// <summary>Transactions writing events at once; each takes every request waiting when it starts.</summary>
    [Setting("Ingestion", "Transactions writing ingested events at once (group commit: each takes every request waiting)")]
    [ConfigurationKeyName("INGEST_WRITERS")]
    [Range(1, 64)]
    public int Writers { get; set; } = 4;

    /// <summary>Most events one ingest transaction takes; the rest wait for the next one.</summary>
    [Setting("Ingestion", "Most events stored by one ingest transaction")]
    [ConfigurationKeyName("INGEST_GROUP_MAX_EVENTS")]
    [Range(1, 10_000)]
    public int GroupMaxEvents { get; set; } = 256;

    /// <summary>
    /// Longest time checking one payload against its event type's JSON Schema may take (patterns
    /// included); a payload that needs more is refused with 422 naming where it stopped.
    /// </summary>
    [Setting("Ingestion", "Longest time checking one JSON payload against its event type's schema may take, in milliseconds (over it: 422)")]
    [ConfigurationKeyName("PAYLOAD_SCHEMA_TIME_LIMIT_MS")]
    [Range(1, 10_000)]
    public int PayloadSchemaTimeLimitMs { get; set; } = 50;

    public TimeSpan PayloadSchemaTimeLimit => TimeSpan.FromMilliseconds(PayloadSchemaTimeLimitMs);
}
