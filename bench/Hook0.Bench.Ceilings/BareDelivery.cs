using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Npgsql;

namespace Hook0.Bench.Ceilings;

/// <summary>
/// The delivery ceilings. Network: only the posts, with the server's HttpClient settings (one pooled
/// SocketsHttpHandler, no redirect, proxy, cookies or decompression, 5 s connect timeout), the same
/// 1 KiB body. Bookkeeping: the least database work per delivery — claim a batch of due attempts with
/// their payload (SKIP LOCKED, a lease), post each, record all outcomes of the batch (response row and
/// attempt outcome) in one statement — in lanes that together keep CONCURRENT posts in flight.
/// </summary>
internal static class BareDelivery
{
    private const string ClaimSql = """
        WITH due AS (
            SELECT request_attempt_id FROM webhook.request_attempt
            WHERE succeeded_at IS NULL AND failed_at IS NULL AND (lease_until IS NULL OR lease_until < now())
            ORDER BY created_at LIMIT @batch FOR UPDATE SKIP LOCKED
        )
        UPDATE webhook.request_attempt a SET picked_at = now(), lease_until = now() + interval '60 seconds'
        FROM due, event.delivery_payload p, webhook.subscription s
        WHERE a.request_attempt_id = due.request_attempt_id AND p.event_id = a.event_id AND s.subscription_id = a.subscription_id
        RETURNING a.request_attempt_id, a.event_id, s.target_url, p.payload, p.payload_content_type
        """;

    private const string RecordSql = """
        WITH i AS (
            SELECT * FROM unnest(@attempt_ids, @response_ids, @codes, @bodies, @elapsed) AS i(attempt_id, response_id, code, body, elapsed)
        ), response AS (
            INSERT INTO webhook.response (response_id, response_error_name, http_code, headers, body, body_truncated, elapsed_time_ms)
            SELECT response_id, NULL, code, NULL, body, false, elapsed FROM i
        )
        UPDATE webhook.request_attempt a SET succeeded_at = now(), response_id = i.response_id, lease_until = NULL
        FROM i WHERE a.request_attempt_id = i.attempt_id AND a.succeeded_at IS NULL AND a.failed_at IS NULL
        """;

    internal static HttpClient NewClient()
        => new(new SocketsHttpHandler
        {
            AllowAutoRedirect = false, UseProxy = false, UseCookies = false, AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(5),
        }) { Timeout = Timeout.InfiniteTimeSpan };

    public static async Task<int> NetworkAsync(string url, int posts, int concurrency)
    {
        using var client = NewClient();
        var body = System.Text.Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(new { data = new string('x', 1000) }));
        var next = -1;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) < posts)
            {
                await PostAsync(client, url, body, "application/json", Guid.NewGuid());
            }
        }));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{{\"posts\":{posts},\"rate\":{posts / watch.Elapsed.TotalSeconds:F0}}}"));
        return 0;
    }

    public static Task<int> BookkeepingAsync(string connectionString, int concurrency)
        => RunLoopAsync(connectionString, concurrency, (db, batch, client) => DeliverBatchAsync(db, batch, client));

    /// <summary>
    /// A bare loop: 4 lanes, each claiming concurrency/4 attempts, posting them and recording them as one group,
    /// until a claim finds nothing; prints the deliveries and their rate as JSON. The wave-one and second-design
    /// loops of bench/core.sh run in it too, so only their SQL differs.
    /// </summary>
    public static async Task<int> RunLoopAsync(string connectionString, int concurrency, Func<NpgsqlDataSource, int, HttpClient, Task<int>> deliverBatch)
    {
        var csb = new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 64, NoResetOnClose = true };
        await using var db = NpgsqlDataSource.Create(csb.ConnectionString);
        using var client = NewClient();
        const int lanes = 4;
        var perLane = Math.Max(1, concurrency / lanes);
        var delivered = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, lanes).Select(async _ =>
        {
            int count;
            while ((count = await deliverBatch(db, perLane, client)) > 0)
            {
                Interlocked.Add(ref delivered, count);
            }
        }));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{{\"delivered\":{delivered},\"rate\":{delivered / watch.Elapsed.TotalSeconds:F0}}}"));
        return 0;
    }

    private static readonly Lazy<HttpClient> SharedClient = new(NewClient);

    /// <summary>Claims up to <paramref name="batch"/> due attempts, posts them and records their outcomes; returns how many.</summary>
    public static async Task<int> DeliverBatchAsync(NpgsqlDataSource db, int batch, HttpClient? client = null)
    {
        client ??= SharedClient.Value;
        var claimed = new List<(Guid Id, Guid EventId, string Url, byte[] Payload, string ContentType)>();
        await using (var claim = db.CreateCommand(ClaimSql))
        {
            claim.Parameters.Add(new NpgsqlParameter<int>("batch", batch));
            await using var reader = await claim.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                claimed.Add((reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetFieldValue<byte[]>(3), reader.GetString(4)));
            }
        }

        if (claimed.Count == 0)
        {
            return 0;
        }

        var outcomes = await Task.WhenAll(claimed.Select(async a =>
        {
            var start = Stopwatch.GetTimestamp();
            var (code, body) = await PostAsync(client, a.Url, a.Payload, a.ContentType, a.EventId);
            return (a.Id, Response: Guid.CreateVersion7(), Code: (short)code, Body: body, Elapsed: (int)Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }));
        await using (var record = db.CreateCommand(RecordSql))
        {
            record.Parameters.Add(new NpgsqlParameter<Guid[]>("attempt_ids", [.. outcomes.Select(o => o.Id)]));
            record.Parameters.Add(new NpgsqlParameter<Guid[]>("response_ids", [.. outcomes.Select(o => o.Response)]));
            record.Parameters.Add(new NpgsqlParameter<short[]>("codes", [.. outcomes.Select(o => o.Code)]));
            record.Parameters.Add(new NpgsqlParameter<byte[][]>("bodies", [.. outcomes.Select(o => o.Body)]));
            record.Parameters.Add(new NpgsqlParameter<int[]>("elapsed", [.. outcomes.Select(o => o.Elapsed)]));
            await record.ExecuteNonQueryAsync();
        }

        return claimed.Count;
    }

    internal static async Task<(int Code, byte[] Body)> PostAsync(HttpClient client, string url, byte[] payload, string contentType, Guid eventId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(payload) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.TryAddWithoutValidation("X-Event-Id", eventId.ToString());
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return ((int)response.StatusCode, await response.Content.ReadAsByteArrayAsync());
    }
}
