using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Npgsql;

namespace Hook0.Bench.Ceilings;

/// <summary>
/// The delivery ceilings. Network: only the posts, with the server's HttpClient settings (one pooled
/// SocketsHttpHandler, no redirect, proxy, cookies or decompression, 5 s connect timeout), the same
/// 1 KiB body. Bookkeeping: the least database work per delivery on the second design's tables
/// (<see cref="NewShapeLoop"/>: claim a batch of due queue rows with their payload, post each, record the
/// group's history rows in one statement) in lanes that together keep CONCURRENT posts in flight.
/// </summary>
internal static class BareDelivery
{
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

    // The bookkeeping ceiling is the second design's bare loop: claim from the queue, post, record into the history.
    public static Task<int> BookkeepingAsync(string connectionString, int concurrency) => NewShapeLoop.RunAsync(connectionString, concurrency);

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

    internal static async Task<(int Code, byte[] Body)> PostAsync(HttpClient client, string url, byte[] payload, string contentType, Guid eventId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(payload) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.TryAddWithoutValidation("X-Event-Id", eventId.ToString());
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return ((int)response.StatusCode, await response.Content.ReadAsByteArrayAsync());
    }
}
