using System.Net;
using Npgsql;
using NpgsqlTypes;

namespace Hook0.Modules.Ingestion.IngestEvent;

/// <summary>
/// Hot path (every ingested event): one statement stores the event. A client event id already seen
/// inserts nothing (idempotency), which the caller answers with 409.
/// </summary>
internal static class EventInsertSql
{
    private const string Sql = """
        INSERT INTO event.event (event_id, application_id, event_type_name, payload, payload_content_type, ip, metadata,
                                 occurred_at, received_at, dispatched_at, labels)
        VALUES (@event_id, @application_id, @event_type, @payload, @content_type, @ip, @metadata,
                @occurred_at, statement_timestamp(), statement_timestamp(), @labels)
        ON CONFLICT (event_id) DO NOTHING
        RETURNING received_at
        """;

    /// <returns>When the event was received, or null when its id was already ingested.</returns>
    public static async Task<DateTime?> ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, PreparedEvent e, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Sql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<Guid>("event_id", e.EventId));
        command.Parameters.Add(new NpgsqlParameter<Guid>("application_id", e.ApplicationId));
        command.Parameters.Add(new NpgsqlParameter<string>("event_type", e.EventType));
        command.Parameters.Add(new NpgsqlParameter<byte[]>("payload", e.Payload));
        command.Parameters.Add(new NpgsqlParameter<string>("content_type", e.PayloadContentType));
        command.Parameters.Add(new NpgsqlParameter("ip", NpgsqlDbType.Inet) { Value = (object?)e.Ip ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("metadata", NpgsqlDbType.Jsonb) { Value = (object?)e.MetadataJson ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter<DateTime>("occurred_at", e.OccurredAt));
        command.Parameters.Add(new NpgsqlParameter<string>("labels", NpgsqlDbType.Jsonb) { TypedValue = e.LabelsJson });
        var received = await command.ExecuteScalarAsync(cancellationToken);
        return received is DateTime at ? at : null;
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
    string LabelsJson);
