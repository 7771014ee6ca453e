using System.Text.Json;
using System.Text.Json.Serialization;
using Npgsql;
using NpgsqlTypes;

namespace Hook0.Bench.Ceilings;

/// <summary>
/// The ingest ceiling: the same kind of host (ASP.NET Core minimal API, same JSON body) doing only the
/// server's inserts for one event with raw Npgsql — the event row, its attempts for the matching
/// subscriptions, one transaction per request (the design before group commit) — and nothing else:
/// no authentication, validation, caches or mediator.
/// </summary>
internal static class BareIngest
{
    private const string EventSql = """
        INSERT INTO event.event (event_id, application_id, event_type_name, payload, payload_content_type, ip, metadata,
                                 occurred_at, received_at, dispatched_at, labels)
        VALUES (@event_id, @application_id, @event_type, @payload, @content_type, NULL, NULL,
                @occurred_at, statement_timestamp(), statement_timestamp(), @labels)
        ON CONFLICT (event_id) DO NOTHING
        RETURNING received_at
        """;

    private const string AttemptSql = """
        INSERT INTO webhook.request_attempt (request_attempt_id, event_id, subscription_id, application_id, event_type_name, created_at, retry_count)
        SELECT webhook.uuid_v7(), @event_id, s.subscription_id, s.application_id, @event_type, statement_timestamp(), 0
        FROM webhook.subscription s
        WHERE s.application_id = @application_id AND s.is_enabled AND s.deleted_at IS NULL AND @labels @> s.labels
          AND EXISTS (SELECT 1 FROM webhook.subscription__event_type e WHERE e.subscription_id = s.subscription_id AND e.event_type_name = @event_type)
        """;

    // The end-to-end reference wakes its delivery loop as the server does: a NOTIFY delivered at commit.
    private const string NotifySql = "SELECT pg_notify('hook0_attempts', '')";

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

            await using (var attempts = new NpgsqlCommand(AttemptSql, connection, transaction))
            {
                attempts.Parameters.Add(new NpgsqlParameter<Guid>("event_id", eventId));
                attempts.Parameters.Add(new NpgsqlParameter<Guid>("application_id", post.ApplicationId));
                attempts.Parameters.Add(new NpgsqlParameter<string>("event_type", post.EventType));
                attempts.Parameters.Add(new NpgsqlParameter<string>("labels", NpgsqlDbType.Jsonb) { TypedValue = labels });
                await attempts.ExecuteNonQueryAsync();
            }

            if (notify)
            {
                await using var wake = new NpgsqlCommand(NotifySql, connection, transaction);
                await wake.ExecuteNonQueryAsync();
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

[JsonSerializable(typeof(BarePost))]
[JsonSerializable(typeof(BareAnswer))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class BareJson : JsonSerializerContext;
