using System.Net;
using Npgsql;
using NpgsqlTypes;

namespace Hook0.Modules.Ingestion.IngestEvent;

/// <summary>
/// Hot path (every ingested event): one statement stores a whole group of events (one row per array
/// element) and their ids. The event table is partitioned by reception time, so ids are kept unique by the
/// unpartitioned <c>event.event_key</c>: a client event id already taken inserts no key, hence no event
/// (idempotency), which the caller answers with 409; of two events of one group with the same id, only the first
/// is stored.
/// </summary>
internal static class EventInsertSql
{
    private const string Sql = """
        WITH input AS (
            SELECT DISTINCT ON (e.event_id) e.*
            FROM unnest(@event_ids, @application_ids, @event_types, @payloads, @content_types, @ips, @metadata, @occurred_at, @labels, @searchable)
                 WITH ORDINALITY AS e(event_id, application_id, event_type, payload, content_type, ip, metadata, occurred_at, labels, searchable, n)
            ORDER BY e.event_id, e.n),
        keys AS (
            INSERT INTO event.event_key (event_id, application_id, received_at)
            SELECT event_id, application_id, statement_timestamp() FROM input
            ON CONFLICT (event_id) DO NOTHING
            RETURNING event_id)
        INSERT INTO event.event (event_id, application_id, event_type_name, payload, payload_content_type, ip, metadata,
                                 occurred_at, received_at, dispatched_at, labels, searchable)
        SELECT e.event_id, e.application_id, e.event_type, e.payload, e.content_type, e.ip::inet, e.metadata,
               e.occurred_at, statement_timestamp(), statement_timestamp(), e.labels, e.searchable
        FROM input e JOIN keys k ON k.event_id = e.event_id
        ORDER BY e.n
        RETURNING event_id, received_at
        """;

    /// <returns>When each event was received, or null when its id was already ingested (index for index).</returns>
    public static async Task<DateTime?[]> ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<PreparedEvent> events,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Sql, connection, transaction);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<Guid[]>("event_ids", [.. events.Select(e => e.EventId)]));
        p.Add(new NpgsqlParameter<Guid[]>("application_ids", [.. events.Select(e => e.ApplicationId)]));
        p.Add(new NpgsqlParameter<string[]>("event_types", [.. events.Select(e => e.EventType)]));
        p.Add(new NpgsqlParameter<byte[][]>("payloads", [.. events.Select(e => e.Payload)]));
        p.Add(new NpgsqlParameter<string[]>("content_types", [.. events.Select(e => e.PayloadContentType)]));
        p.Add(new NpgsqlParameter<string?[]>("ips", [.. events.Select(e => e.Ip?.ToString())]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        p.Add(new NpgsqlParameter<string?[]>("metadata", [.. events.Select(e => e.MetadataJson)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        p.Add(new NpgsqlParameter<DateTime[]>("occurred_at", [.. events.Select(e => e.OccurredAt)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        // jsonb as sent: the labels' JSON (serialized once, in EventPreparer) is the representation stored and dispatched.
        p.Add(new NpgsqlParameter<string[]>("labels", [.. events.Select(e => e.LabelsJson)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        p.Add(new NpgsqlParameter<bool[]>("searchable", [.. events.Select(e => e.Searchable)]));
        var stored = new Dictionary<Guid, DateTime>(events.Count);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                stored[reader.GetGuid(0)] = reader.GetDateTime(1);
            }
        }

        var results = new DateTime?[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            // Remove: a second event of the group with the same id is a duplicate of the first.
            results[i] = stored.Remove(events[i].EventId, out var at) ? at : null;
        }

        return results;
    }
}

/// <summary>An event checked and decoded, ready to store.</summary>
internal sealed record PreparedEvent(
    Guid EventId,
    Guid ApplicationId,
    string EventType,
    byte[] Payload,
    string PayloadContentType,
    IPAddress? Ip,
    string? MetadataJson,
    DateTime OccurredAt,
    string LabelsJson,
    bool Searchable);
