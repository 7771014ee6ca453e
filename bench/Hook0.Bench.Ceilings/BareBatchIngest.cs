using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace Hook0.Bench.Ceilings;

/// <summary>
/// The batch ceiling (issue #21): the same kind of host taking <c>POST /api/v1/events/batch</c> (a JSON array of the
/// single route's bodies) and doing only the server's inserts for all its events in one transaction, on the second
/// design's tables: the events and their <c>event.event_key</c> rows in one statement (the product's
/// <c>EventInsertSql</c>, arrays), then the queue rows of the matching subscriptions in one statement (the product's
/// <c>ScheduleSql</c>, arrays, without the NOTIFY the product sends) — and nothing else: no authentication,
/// validation, payload checks, caches or mediator. Answers 207 with one <c>{status, body}</c> per event, as the product.
/// </summary>
internal static class BareBatchIngest
{
    private const string EventSql = """
        WITH input AS (
            SELECT DISTINCT ON (e.event_id) e.*
            FROM unnest(@event_ids, @application_ids, @event_types, @payloads, @content_types, @occurred_at, @labels)
                 WITH ORDINALITY AS e(event_id, application_id, event_type, payload, content_type, occurred_at, labels, n)
            ORDER BY e.event_id, e.n),
        keys AS (
            INSERT INTO event.event_key (event_id, application_id, received_at)
            SELECT event_id, application_id, statement_timestamp() FROM input
            ON CONFLICT (event_id) DO NOTHING
            RETURNING event_id)
        INSERT INTO event.event (event_id, application_id, event_type_name, payload, payload_content_type, ip, metadata,
                                 occurred_at, received_at, dispatched_at, labels)
        SELECT e.event_id, e.application_id, e.event_type, e.payload, e.content_type, NULL, NULL,
               e.occurred_at, statement_timestamp(), statement_timestamp(), e.labels::jsonb
        FROM input e JOIN keys k ON k.event_id = e.event_id
        ORDER BY e.n
        RETURNING event_id, received_at
        """;

    private const string QueueSql = """
        WITH e AS (
            SELECT * FROM unnest(@event_ids, @application_ids, @received_ats, @event_types, @labels)
                AS e(event_id, application_id, received_at, event_type, labels)
        ), t AS (
            SELECT statement_timestamp() AS at
        )
        INSERT INTO webhook.delivery_queue (application_id, request_attempt_id, subscription_id, event_id, event_received_at, event_type_name,
                                            created_at, due_at, attempt_number, metered)
        SELECT s.application_id, webhook.uuid_v7_at(t.at), s.subscription_id, e.event_id, e.received_at, e.event_type,
               date_trunc('milliseconds', t.at), date_trunc('milliseconds', t.at), 0, coalesce(l.metered, false)
        FROM e CROSS JOIN t
        JOIN webhook.subscription s ON s.application_id = e.application_id
        LEFT JOIN webhook.delivery_lane l ON l.subscription_id = s.subscription_id
        WHERE s.is_enabled AND s.deleted_at IS NULL
          AND e.labels::jsonb @> s.labels
          AND (EXISTS (SELECT 1 FROM webhook.subscription__event_type x
                       WHERE x.subscription_id = s.subscription_id AND x.event_type_name = e.event_type)
               OR EXISTS (SELECT 1 FROM webhook.subscription__event_type_pattern p
                          WHERE p.subscription_id = s.subscription_id AND e.event_type ~ p.regex))
        """;

    public static async Task<int> RunAsync(string connectionString, int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var csb = new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 64, NoResetOnClose = true };
        await using var db = NpgsqlDataSource.Create(csb.ConnectionString);
        var app = builder.Build();
        app.MapPost("/api/v1/events/batch", async (HttpContext http) =>
        {
            var posts = await JsonSerializer.DeserializeAsync(http.Request.Body, BareJson.Default.BarePostArray, http.RequestAborted)
                ?? throw new BadHttpRequestException("body");
            var ids = posts.Select(_ => Guid.CreateVersion7()).ToArray();
            var applications = posts.Select(p => p.ApplicationId).ToArray();
            var types = posts.Select(p => p.EventType).ToArray();
            var labels = posts.Select(p => JsonSerializer.Serialize(p.Labels, BareJson.Default.DictionaryStringString)).ToArray();
            await using var connection = await db.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            var received = new Dictionary<Guid, DateTime>(posts.Length);
            await using (var insert = new NpgsqlCommand(EventSql, connection, transaction))
            {
                var p = insert.Parameters;
                p.Add(new NpgsqlParameter<Guid[]>("event_ids", ids));
                p.Add(new NpgsqlParameter<Guid[]>("application_ids", applications));
                p.Add(new NpgsqlParameter<string[]>("event_types", types));
                p.Add(new NpgsqlParameter<byte[][]>("payloads", [.. posts.Select(e => System.Text.Encoding.UTF8.GetBytes(e.Payload))]));
                p.Add(new NpgsqlParameter<string[]>("content_types", [.. posts.Select(e => e.PayloadContentType)]));
                p.Add(new NpgsqlParameter<DateTime[]>("occurred_at", [.. posts.Select(e => e.OccurredAt.UtcDateTime)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
                p.Add(new NpgsqlParameter<string[]>("labels", labels) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
                await using var reader = await insert.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    received[reader.GetGuid(0)] = reader.GetDateTime(1);
                }
            }

            await using (var queue = new NpgsqlCommand(QueueSql, connection, transaction))
            {
                var p = queue.Parameters;
                p.Add(new NpgsqlParameter<Guid[]>("event_ids", ids));
                p.Add(new NpgsqlParameter<Guid[]>("application_ids", applications));
                p.Add(new NpgsqlParameter<DateTime[]>("received_ats", [.. ids.Select(id => received[id])]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
                p.Add(new NpgsqlParameter<string[]>("event_types", types));
                p.Add(new NpgsqlParameter<string[]>("labels", labels) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
                await queue.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
            var answers = new BareBatchItem[posts.Length];
            for (var i = 0; i < posts.Length; i++)
            {
                answers[i] = new BareBatchItem(201, new BareAnswer(applications[i], ids[i], received[ids[i]]));
            }

            return Results.Json(answers, BareJson.Default.BareBatchItemArray, statusCode: 207);
        });
        await app.RunAsync();
        return 0;
    }
}
