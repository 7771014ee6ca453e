using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.FaultInjection;

/// <summary>
/// (d) Malformed, oversized, mistyped and hostile requests to every route of the API (from its OpenAPI
/// document): random JSON shapes, invalid UTF-8, huge headers, SQL and script strings, other tenants'
/// ids. Zero 5xx, the server never dies, and a refused request leaves the database unchanged.
/// </summary>
[Category(FaultSize.Category)]
[NonParallelizable]
public sealed class FuzzTests : ApiTest
{
    private static readonly string[] Hostile =
    [
        "' OR 1=1 --", "'; DROP TABLE event.event; --", "\"; SELECT pg_sleep(5); --", "<script>alert(1)</script>", "{{7*7}}", "${jndi:ldap://x}",
        "../../etc/passwd", "%00", "\u0000", "\uFFFF", "\uD800", "😀", "Ω≈ç√", "null", "true", "-1", "1e999", "NaN", "", " ", new string('a', 5000),
        "00000000-0000-0000-0000-000000000000", "not-a-uuid", "*", "a.*.b", "\\", "\r\nX-Injected: 1",
    ];

    [Test]
    public async Task Hostile_requests_to_every_route_get_no_5xx_leave_the_database_unchanged_and_never_crash_the_server()
    {
        var requests = FaultSize.Pick(600, 8000);
        var random = new Random(FaultSize.Seed);
        var environment = new Dictionary<string, string?>
        {
            ["DATABASE_URL"] = Database.ConnectionString, ["MASTER_API_KEY"] = Hook0Factory.MasterKey, ["NO_AUTO_DB_MIGRATION"] = "true",
            ["DELIVERY_WORKERS_ENABLED"] = "false", ["HOUSEKEEPING_ENABLED"] = "false", ["MAX_REQUEST_BODY_BYTES"] = "1048576",
        };
        await using var server = await FaultServer.StartAsync(environment);
        using var master = FaultServer.Master(server);
        var a = await FaultServer.TenantWithSubscriptionAsync(master, "https://example.com/a", name: "Tenant A");
        var b = await FaultServer.TenantWithSubscriptionAsync(master, "https://example.com/b", name: "Tenant B");
        var bEvent = await new Scenario(Client(server, b.Secret)).IngestAsync(b.ApplicationId, b.EventType);
        var ids = await OtherIdsAsync(b, bEvent);
        var routes = await RoutesAsync(master);
        Assert.That(routes, Has.Count.GreaterThan(30), "the OpenAPI document lists the routes");

        var credentials = new[] { a.Secret, Hook0Factory.MasterKey, null, "garbage", "Bearer", new string('x', 3000), b.Secret + "x" };
        using var raw = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var baseline = await FingerprintAsync();
        int sent = 0, refused = 0, accepted = 0, serverErrors = 0, changedByRefusal = 0, closedEarly = 0;
        var failures = new List<string>();
        for (var i = 0; i < requests; i++)
        {
            var (method, template) = routes[random.Next(routes.Count)];
            var path = FillPath(template, random, ids);
            using var request = new HttpRequestMessage(new HttpMethod(method), path + Query(random, ids, b.ApplicationId));
            var credential = credentials[random.Next(credentials.Length)];
            if (credential is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {credential}");
            }

            if (random.Next(10) == 0)
            {
                request.Headers.TryAddWithoutValidation("X-Huge", new string('h', random.Next(8_000, 70_000)));
            }

            if (method is "POST" or "PUT" or "PATCH" || random.Next(5) == 0)
            {
                request.Content = Body(random, ids, b);
            }

            sent++;
            HttpResponseMessage response;
            try
            {
                response = await raw.SendAsync(request);
            }
            catch (HttpRequestException e)
            {
                // The server may refuse a request (e.g. 413) and close the connection before the
                // client has sent its whole body: a refusal the client could not read. It must still
                // have changed nothing, and the server must still be up.
                closedEarly++;
                refused++;
                if (await FingerprintAsync() != baseline)
                {
                    changedByRefusal++;
                    failures.Add($"{method} {path}: connection closed early ({e.Message}) but the database changed");
                }

                using var health = await raw.GetAsync("/healthz");
                if (!health.IsSuccessStatusCode)
                {
                    failures.Add($"{method} {path}: no answer ({e.Message}) and the server is down");
                }

                continue;
            }

            using (response)
            {
                var status = (int)response.StatusCode;
                if (status >= 500)
                {
                    serverErrors++;
                    failures.Add($"{method} {path}: {status} {await response.Content.ReadAsStringAsync()}");
                }

                var now = await FingerprintAsync();
                if (status is >= 200 and < 300)
                {
                    accepted++;
                }
                else
                {
                    refused++;
                    if (now != baseline)
                    {
                        changedByRefusal++;
                        failures.Add($"{method} {path}: refused with {status} but the database changed; request body: {await Describe(request.Content)}; " +
                            $"answer: {await response.Content.ReadAsStringAsync()}");
                    }
                }

                baseline = now;
            }
        }

        var rawCount = FaultSize.Pick(60, 600);
        var rawAnswers = await RawSocketFuzzAsync(server.Port, random, rawCount);
        serverErrors += rawAnswers.Count(s => s >= 500);
        var alive = await raw.GetAsync("/healthz");
        FaultSize.Report(nameof(FuzzTests), $"requests={sent} refused={refused} accepted={accepted} raw_socket_requests={rawCount} raw_socket_answers={rawAnswers.Count} " +
            $"closed_early={closedEarly} 5xx={serverErrors} changed_by_refusal={changedByRefusal} routes={routes.Count} server_alive={alive.IsSuccessStatusCode}");
        Assert.Multiple(() =>
        {
            Assert.That(failures, Is.Empty);
            Assert.That(serverErrors, Is.Zero);
            Assert.That(changedByRefusal, Is.Zero);
            Assert.That(alive.IsSuccessStatusCode, Is.True, "the server is still up");
            Assert.That(refused, Is.GreaterThan(sent / 2), "most hostile requests were refused");
        });
    }

    private static async Task<string> Describe(HttpContent? content)
    {
        if (content is null)
        {
            return "(none)";
        }

        var text = Encoding.UTF8.GetString(await content.ReadAsByteArrayAsync());
        return text.Length > 600 ? text[..600] + "…" : text;
    }

    private static HttpClient Client(ServerProcess server, string bearer)
    {
        var client = new HttpClient { BaseAddress = server.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return client;
    }

    /// <summary>Every id of tenant B a path or body may name (the attacker is tenant A, or nobody).</summary>
    private static async Task<string[]> OtherIdsAsync(Tenant b, Guid eventId)
    {
        var ids = new List<string> { b.OrganizationId.ToString(), b.ApplicationId.ToString(), eventId.ToString(), b.EventType };
        foreach (var sql in new[] { "SELECT subscription_id::text FROM webhook.subscription", "SELECT request_attempt_id::text FROM webhook.request_attempt",
                     "SELECT token_id::text FROM iam.application_secret" })
        {
            try
            {
                if (await Database.ScalarAsync<string>(sql + " LIMIT 1") is { } id)
                {
                    ids.Add(id);
                }
            }
            catch (Npgsql.PostgresException)
            {
                // a column name differs: the other ids are enough
            }
        }

        return [.. ids];
    }

    private static async Task<List<(string Method, string Path)>> RoutesAsync(HttpClient master)
    {
        var document = JsonNode.Parse(await master.GetStringAsync("/api/v1/swagger.json"))!;
        return [.. from path in document["paths"]!.AsObject()
                   from operation in path.Value!.AsObject()
                   where operation.Key is "get" or "post" or "put" or "patch" or "delete"
                   select (operation.Key.ToUpperInvariant(), path.Key)];
    }

    private static string FillPath(string template, Random random, string[] ids)
        => System.Text.RegularExpressions.Regex.Replace(template, "\\{[^}]+\\}", _ => Escape(random.Next(3) switch
        {
            0 => ids[random.Next(ids.Length)],
            1 => Guid.NewGuid().ToString(),
            _ => Hostile[random.Next(Hostile.Length)],
        }) switch { "" => "%20", var s => s });

    private static string Escape(string value)
        => string.Concat(Encoding.UTF8.GetBytes(value).Select(b => char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'.' or (byte)'_' ? ((char)b).ToString() : $"%{b:X2}"));

    private static string Query(Random random, string[] ids, Guid otherApplication)
    {
        var parts = new List<string>();
        foreach (var name in new[] { "application_id", "organization_id", "event_type", "limit", "cursor", "from", "to", "subscription_id", "label_key", "key", "dry_run" })
        {
            if (random.Next(4) == 0)
            {
                var value = random.Next(3) switch
                {
                    0 => name == "application_id" ? otherApplication.ToString() : ids[random.Next(ids.Length)],
                    1 => random.Next(-5, 100_000).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    _ => Hostile[random.Next(Hostile.Length)],
                };
                parts.Add($"{name}={Escape(value)}");
            }
        }

        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    private static ByteArrayContent Body(Random random, string[] ids, Tenant b)
    {
        byte[] bytes = random.Next(8) switch
        {
            0 => [0xC3, 0x28, 0x7B, 0xFF, 0xFE, 0x22, 0x80, 0x7D], // invalid UTF-8
            1 => Encoding.UTF8.GetBytes("{\"name\":\"" + new string('x', 1_200_000) + "\"}"), // over MAX_REQUEST_BODY_BYTES
            2 => Encoding.UTF8.GetBytes(RandomJson(random, ids, 0)?.ToJsonString() ?? "null"),
            3 => Encoding.UTF8.GetBytes("{\"application_id\":\"" + b.ApplicationId + "\",\"event_type\":\"" + b.EventType + "\",\"payload\":"
                + RandomJson(random, ids, 2)?.ToJsonString() + ",\"payload_content_type\":\"application/json\",\"labels\":{\"env\":\"prod\"},\"occurred_at\":\"x\"}"),
            4 => Encoding.UTF8.GetBytes("{\"a\":" + new string('[', 3000) + new string(']', 3000) + "}"), // deep nesting
            5 => Encoding.UTF8.GetBytes(Hostile[random.Next(Hostile.Length)]),
            _ => Encoding.UTF8.GetBytes(MistypedObject(random, ids).ToJsonString()),
        };
        var content = new ByteArrayContent(bytes);
        content.Headers.TryAddWithoutValidation("Content-Type", random.Next(6) switch
        {
            0 => "text/plain",
            1 => "application/json; charset=latin1",
            2 => "multipart/form-data; boundary=x",
            _ => "application/json",
        });
        return content;
    }

    /// <summary>An object with the API's field names and values of every wrong type.</summary>
    private static JsonObject MistypedObject(Random random, string[] ids)
    {
        var names = new[] { "name", "organization_id", "application_id", "event_type", "payload", "payload_content_type", "labels", "occurred_at", "event_id",
            "is_enabled", "event_types", "target", "service", "resource_type", "verb", "retry_policy", "email", "password", "description", "metadata", "dry_run" };
        var obj = new JsonObject();
        foreach (var name in names.Where(_ => random.Next(2) == 0))
        {
            obj[name] = random.Next(3) == 0 ? JsonValue.Create(ids[random.Next(ids.Length)]) : RandomJson(random, ids, 1);
        }

        return obj;
    }

    private static JsonNode? RandomJson(Random random, string[] ids, int depth)
        => (depth > 4 ? random.Next(5) : random.Next(8)) switch
        {
            0 => null,
            1 => JsonValue.Create(random.Next(2) == 0),
            2 => JsonValue.Create(random.Next(3) == 0 ? long.MaxValue : random.NextDouble() * 1e300),
            3 => JsonValue.Create(Hostile[random.Next(Hostile.Length)]),
            4 => JsonValue.Create(ids[random.Next(ids.Length)]),
            5 or 6 => new JsonObject(Enumerable.Range(0, random.Next(5)).Select(i =>
                KeyValuePair.Create(random.Next(2) == 0 ? Hostile[random.Next(Hostile.Length)] + i : $"k{i}", RandomJson(random, ids, depth + 1)))
                .DistinctBy(kv => kv.Key)),
            _ => new JsonArray([.. Enumerable.Range(0, random.Next(5)).Select(_ => RandomJson(random, ids, depth + 1))]),
        };

    /// <summary>Requests HttpClient would refuse to send: bytes that are not HTTP, invalid UTF-8 in the request line and headers.</summary>
    private static async Task<List<int>> RawSocketFuzzAsync(int port, Random random, int count)
    {
        var statuses = new List<int>();
        for (var i = 0; i < count; i++)
        {
            var head = random.Next(4) switch
            {
                0 => "GET /api/v1/\xC3\x28\xFF HTTP/1.1\r\nHost: x\r\n\r\n",
                1 => "POST /api/v1/event HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-Bad: \xFF\xFE\r\nContent-Length: 5\r\n\r\n{\"a\":",
                2 => "BREW /api/v1/organizations HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
                _ => new string((char)random.Next(1, 255), random.Next(1, 200)) + "\r\n\r\n",
            };
            using var client = new TcpClient();
            await client.ConnectAsync(System.Net.IPAddress.Loopback, port);
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.Latin1.GetBytes(head));
            using var reader = new StreamReader(stream, Encoding.Latin1);
            var line = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : null, TaskScheduler.Default);
            if (line is not null && line.Split(' ') is [_, var code, ..] && int.TryParse(code, out var status))
            {
                statuses.Add(status);
            }
        }

        return statuses;
    }

    /// <summary>
    /// Tables no request writes, only a timer: <c>event.events_per_day</c> is recounted every 60 s by the
    /// refresher of the test run's shared in-process host (its housekeeping is on, and it uses this same
    /// database), whatever the fuzzed server does. After the fuzzer's accepted ingests, the next recount
    /// changed the digest between two requests and the refusal being answered then was blamed: the one
    /// full-size finding (PUT /subscriptions/{id}, 400, with a body that cannot even bind). See
    /// <see cref="FuzzFingerprintTests"/>.
    /// </summary>
    internal static readonly string[] TimerWrittenTables = ["event.events_per_day"];

    /// <summary>A digest of every row of the modules' tables that requests write (the attacker's view of "unchanged").</summary>
    internal static async Task<string> FingerprintAsync(bool includeTimerWritten = false)
    {
        var tables = (await TablesAsync()).Where(t => includeTimerWritten || !TimerWrittenTables.Contains(t)).ToArray();
        var sql = string.Join(" || ", tables.Select(t => $"coalesce((SELECT md5(string_agg(x::text, '|' ORDER BY x::text)) FROM {t} x), '-')"));
        return (await Database.ScalarAsync<string>("SELECT " + sql))!;
    }

    private static string[]? _tables;

    private static async Task<string[]> TablesAsync()
    {
        if (_tables is null)
        {
            var list = await Database.ScalarAsync<string>("""
                SELECT string_agg(format('%I.%I', table_schema, table_name), ',' ORDER BY 1) FROM information_schema.tables
                WHERE table_schema IN ('iam', 'event', 'webhook') AND table_type = 'BASE TABLE' AND table_name <> '__EFMigrationsHistory'
                """);
            _tables = list!.Split(',');
        }

        return _tables;
    }
}
