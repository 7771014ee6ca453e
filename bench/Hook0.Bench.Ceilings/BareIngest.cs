using System.Text.Json;
using System.Text.Json.Serialization;
using Npgsql;
using NpgsqlTypes;

namespace Hook0.Bench.Ceilings;

/// <summary>
/// The ingest ceiling: the same kind of host (ASP.NET Core minimal API, same JSON body) doing only the
/// server's inserts for one event with raw Npgsql, one transaction per request, on the second design's tables
/// (ADR 0016): the event row and its <c>event.event_key</c> in one statement (the product's
/// <c>EventInsertSql</c>, one event), then the queue rows of the matching subscriptions (the product's
/// <c>ScheduleSql</c>: ids by <c>uuid_v7_at</c>, the lane's path) — and nothing else: no authentication,
/// validation, caches or mediator. Scalar parameters rather than the product's arrays: one event per request.
/// </summary>
internal static class BareIngest
{
    // A repeated id inserts no key, hence no event (the product answers 409; the load never repeats an id).
    private const string EventSql = """
        WITH keys AS (
            INSERT INTO event.event_key (event_id, application_id, received_at)
            VALUES (@event_id, @application_id, statement_timestamp())
            ON CONFLICT (event_id) DO NOTHING
            RETURNING event_id)
        INSERT INTO event.event (event_id, application_id, event_type_name, payload, payload_content_type, ip, metadata,
                                 occurred_at, received_at, dispatched_at, labels)
        SELECT @event_id, @application_id, @event_type, @payload, @content_type, NULL, NULL,
               @occurred_at, statement_timestamp(), statement_timestamp(), @labels
        FROM keys
        RETURNING received_at
        """;

    // The NOTIFY rides in the statement as the product's does (the end-to-end reference's LISTEN loop wakes on it).
    private const string QueueSql = """
        WITH t AS (
            SELECT statement_timestamp() AS at
        ), created AS (
            INSERT INTO webhook.delivery_queue (application_id, request_attempt_id, subscription_id, event_id, event_received_at, event_type_name,
                                                created_at, due_at, attempt_number, metered)
            SELECT s.application_id, webhook.uuid_v7_at(t.at), s.subscription_id, @event_id, @received_at, @event_type,
                   date_trunc('milliseconds', t.at), date_trunc('milliseconds', t.at), 0, coalesce(l.metered, false)
            FROM t
            JOIN webhook.subscription s ON s.application_id = @application_id
            LEFT JOIN webhook.delivery_lane l ON l.subscription_id = s.subscription_id
            WHERE s.is_enabled AND s.deleted_at IS NULL AND @labels @> s.labels
              AND (EXISTS (SELECT 1 FROM webhook.subscription__event_type x
                           WHERE x.subscription_id = s.subscription_id AND x.event_type_name = @event_type)
                   OR EXISTS (SELECT 1 FROM webhook.subscription__event_type_pattern p
                              WHERE p.subscription_id = s.subscription_id AND @event_type ~ p.regex))
            RETURNING 1
        ), counted AS (SELECT count(*) AS n FROM created)
        SELECT n, CASE WHEN @notify AND n > 0 THEN pg_notify('hook0_attempts', 'bench') END FROM counted
        """;

    public static async Task<int> RunAsync(string connectionString, int port, bool notify = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var csb = new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 64, NoResetOnClose = true };
        await using var db = NpgsqlDataSource.Create(csb.ConnectionString);
        var app = builder.Build();
        app.MapPost("/api/v1/event", async (HttpContext http) =>
        {
            var post = await JsonSerializer.DeserializeAsync(http.Request.Body, BareJson.Default.BarePost, http.RequestAborted)
                ?? throw new BadHttpRequestException("body");
            var eventId = Guid.CreateVersion7();
            var labels = JsonSerializer.Serialize(post.Labels, BareJson.Default.DictionaryStringString);
            await using var connection = await db.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            DateTime receivedAt;
            await using (var insert = new NpgsqlCommand(EventSql, connection, transaction))
            {
                insert.Parameters.Add(new NpgsqlParameter<Guid>("event_id", eventId));
                insert.Parameters.Add(new NpgsqlParameter<Guid>("application_id", post.ApplicationId));
                insert.Parameters.Add(new NpgsqlParameter<string>("event_type", post.EventType));
                insert.Parameters.Add(new NpgsqlParameter<byte[]>("payload", System.Text.Encoding.UTF8.GetBytes(post.Payload)));
                insert.Parameters.Add(new NpgsqlParameter<string>("content_type", post.PayloadContentType));
                insert.Parameters.Add(new NpgsqlParameter<DateTime>("occurred_at", post.OccurredAt.UtcDateTime));
                insert.Parameters.Add(new NpgsqlParameter<string>("labels", NpgsqlDbType.Jsonb) { TypedValue = labels });
                receivedAt = (DateTime)(await insert.ExecuteScalarAsync())!;
            }

            await using (var queue = new NpgsqlCommand(QueueSql, connection, transaction))
            {
                queue.Parameters.Add(new NpgsqlParameter<Guid>("event_id", eventId));
                queue.Parameters.Add(new NpgsqlParameter<Guid>("application_id", post.ApplicationId));
                queue.Parameters.Add(new NpgsqlParameter<DateTime>("received_at", receivedAt));
                queue.Parameters.Add(new NpgsqlParameter<string>("event_type", post.EventType));
                queue.Parameters.Add(new NpgsqlParameter<string>("labels", NpgsqlDbType.Jsonb) { TypedValue = labels });
                queue.Parameters.Add(new NpgsqlParameter<bool>("notify", notify));
                await queue.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
            return Results.Json(new BareAnswer(post.ApplicationId, eventId, receivedAt), BareJson.Default.BareAnswer, statusCode: 201);
        });
        await app.RunAsync();
        return 0;
    }
}

internal sealed record BarePost(
    [property: JsonPropertyName("application_id")] Guid ApplicationId,
    [property: JsonPropertyName("event_type")] string EventType,
    [property: JsonPropertyName("payload")] string Payload,
    [property: JsonPropertyName("payload_content_type")] string PayloadContentType,
    [property: JsonPropertyName("occurred_at")] DateTimeOffset OccurredAt,
    [property: JsonPropertyName("labels")] Dictionary<string, string> Labels);

internal sealed record BareAnswer(
    [property: JsonPropertyName("application_id")] Guid ApplicationId,
    [property: JsonPropertyName("event_id")] Guid EventId,
    [property: JsonPropertyName("received_at")] DateTime ReceivedAt);

internal sealed record BareBatchItem(
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("body")] BareAnswer Body);

[JsonSerializable(typeof(BarePost))]
[JsonSerializable(typeof(BarePost[]))]
[JsonSerializable(typeof(BareBatchItem[]))]
[JsonSerializable(typeof(BareAnswer))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class BareJson : JsonSerializerContext;
