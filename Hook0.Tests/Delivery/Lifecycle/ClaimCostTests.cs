using System.Text.Json.Nodes;
using Hook0.Modules.Delivery.Lifecycle;
using Hook0.Tests.Infrastructure;
using Npgsql;

namespace Hook0.Tests.Delivery.Lifecycle;

/// <summary>
/// The claim reads only work that can go now: beside 50,000 attempts of a paused subscription and 50,000 delayed
/// retries of a failing one, both claim statements read as few queue rows as with no backlog at all (from
/// <c>EXPLAIN (ANALYZE, FORMAT JSON)</c> of the statements the workers run, rolled back).
/// </summary>
[NonParallelizable]
public sealed class ClaimCostTests : ApiTest
{
    private const int Batch = 16;
    private const int Backlog = 50_000;

    [Test]
    public async Task The_claim_does_not_read_paused_work_or_delayed_retries()
    {
        await using var host = new DeliveryHost(new Dictionary<string, string?> { ["DELIVERY_WORKERS_ENABLED"] = "false" });
        var scenario = new Scenario(host.Master());
        var tenant = await scenario.TenantAsync();
        var paused = await SubscribeAsync(host, tenant);
        var failing = await SubscribeAsync(host, tenant);
        var healthy = await SubscribeAsync(host, tenant);
        var limited = await SubscribeAsync(host, tenant, maxConcurrency: 2);
        await Database.ExecuteAsync($"UPDATE webhook.delivery_lane SET paused = true, metered = true WHERE subscription_id = '{paused}'");
        var eventId = await scenario.IngestAsync(tenant.ApplicationId, tenant.EventType);
        await Database.ExecuteAsync($"""
            DELETE FROM webhook.delivery_queue;
            INSERT INTO webhook.delivery_queue (application_id, request_attempt_id, subscription_id, event_id, event_received_at, event_type_name, created_at, due_at, attempt_number, metered)
            SELECT '{tenant.ApplicationId}', gen_random_uuid(), s, '{eventId}', (SELECT received_at FROM event.event WHERE event_id = '{eventId}'), '{tenant.EventType}', now(), now(), 0, s = '{limited}'
            FROM unnest(ARRAY['{healthy}', '{limited}']::uuid[]) s, generate_series(1, 4);
            ANALYZE webhook.delivery_queue;
            """);

        // The same due work (4 attempts of an open subscription, 4 of a limited one), first alone, then beside the backlog.
        var quiet = await RowsReadAsync();
        await Database.ExecuteAsync($"""
            INSERT INTO webhook.delivery_queue (application_id, request_attempt_id, subscription_id, event_id, event_received_at, event_type_name, created_at, due_at, attempt_number, metered)
            SELECT '{tenant.ApplicationId}', gen_random_uuid(), '{paused}', '{eventId}', (SELECT received_at FROM event.event WHERE event_id = '{eventId}'), '{tenant.EventType}', now() - interval '1 hour', now() - interval '1 hour', 0, true
            FROM generate_series(1, {Backlog});
            INSERT INTO webhook.delivery_queue (application_id, request_attempt_id, subscription_id, event_id, event_received_at, event_type_name, created_at, due_at, attempt_number, metered)
            SELECT '{tenant.ApplicationId}', gen_random_uuid(), '{failing}', '{eventId}', (SELECT received_at FROM event.event WHERE event_id = '{eventId}'), '{tenant.EventType}', now(), now() + interval '1 hour', 3, false
            FROM generate_series(1, {Backlog});
            ANALYZE webhook.delivery_queue;
            """);
        var busy = await RowsReadAsync();

        TestContext.Out.WriteLine($"queue rows read: quiet open={quiet.Open} metered={quiet.Metered}; beside {2 * Backlog} waiting open={busy.Open} metered={busy.Metered}");
        Assert.Multiple(() =>
        {
            Assert.That(busy.Open, Is.LessThanOrEqualTo(quiet.Open + 4).And.LessThanOrEqualTo(Batch + 4), "the open claim reads the due rows it may take, not the backlog");
            Assert.That(busy.Metered, Is.LessThanOrEqualTo(quiet.Metered + 4).And.LessThanOrEqualTo(Batch + 4), "the metered claim reads its lanes' due rows, not the paused lane's");
        });
    }

    private static async Task<Guid> SubscribeAsync(DeliveryHost host, Tenant tenant, int? maxConcurrency = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["application_id"] = tenant.ApplicationId, ["is_enabled"] = true, ["event_types"] = new[] { tenant.EventType },
            ["labels"] = new Dictionary<string, string> { ["env"] = "prod" },
            ["target"] = new { type = "http", method = "POST", url = "http://127.0.0.1:9/hook", headers = new Dictionary<string, string>() },
            ["max_concurrency"] = maxConcurrency,
        };
        return (await PostJsonAsync(host.Master(), "/api/v1/subscriptions", body.Where(kv => kv.Value is not null).ToDictionary()))["subscription_id"]!.GetValue<Guid>();
    }

    /// <summary>Queue rows read by each claim statement (rows returned by its scans of the queue plus rows they filtered out).</summary>
    private static async Task<(long Open, long Metered)> RowsReadAsync()
        => (await ExplainAsync(ClaimSql.OpenStatement), await ExplainAsync(ClaimSql.MeteredStatement));

    private static async Task<long> ExplainAsync(string statement)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand("EXPLAIN (ANALYZE, FORMAT JSON) " + statement, connection, transaction);
        ClaimSql.AddParameters(command, Batch, 60, "explain");
        var plan = JsonNode.Parse((string)(await command.ExecuteScalarAsync())!)!;
        await transaction.RollbackAsync();
        return QueueRows(plan[0]!["Plan"]!);
    }

    private static long QueueRows(JsonNode node)
    {
        long rows = 0;
        if (node["Relation Name"]?.GetValue<string>() == "delivery_queue" && node["Node Type"]!.GetValue<string>().Contains("Scan", StringComparison.Ordinal))
        {
            var loops = node["Actual Loops"]!.GetValue<long>();
            rows += (node["Actual Rows"]!.GetValue<long>() + (node["Rows Removed by Filter"]?.GetValue<long>() ?? 0)) * loops;
        }

        foreach (var child in node["Plans"]?.AsArray() ?? [])
        {
            rows += QueueRows(child!);
        }

        return rows;
    }
}
