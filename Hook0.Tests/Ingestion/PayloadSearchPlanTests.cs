using System.Text.RegularExpressions;
using Hook0.Modules.Ingestion.Contracts;
using Hook0.Modules.Ingestion.Data;
using Hook0.Modules.Ingestion.ListEvents;
using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Kernel.Partitions;
using Hook0.Tests.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hook0.Tests.Ingestion;

/// <summary>
/// The payload search index (migration <c>PayloadSearchIndex</c>): declared on the partitioned event table, so every
/// partition has it, DEFAULT and the days the partition keeper creates included; and a payload search, first page or
/// deeper, is answered through it in each partition, never by reading a partition whole. The SQL explained is the one
/// the handler sends (EF's command for the same query), with its parameters.
/// </summary>
[NonParallelizable]
public sealed partial class PayloadSearchPlanTests : ApiTest
{
    private const int EventsPerApplication = 4000;

    [Test]
    public async Task Every_partition_has_the_payload_index_and_searches_read_it_not_the_partitions()
    {
        var scenario = new Scenario(Master());
        var mine = await scenario.TenantAsync();
        var theirs = await scenario.TenantAsync("Theirs");
        await scenario.PayloadSearchAsync(mine.ApplicationId, on: true);
        var past = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-40);
        var adopted = EventPartitions.Events.PartitionName(past);
        try
        {
            // Per application: half received in the last hour or so (today's and maybe yesterday's partitions), half 40 days
            // ago (DEFAULT, until the keeper creates that day below); each about one customer id out of 1,000.
            foreach (var tenant in new[] { mine, theirs })
            {
                await Database.ExecuteAsync($"""
                    WITH e AS (
                        SELECT gen_random_uuid() AS event_id, n,
                               CASE WHEN n % 2 = 0 THEN now() - n * interval '1 second'
                                    ELSE date_trunc('day', now(), 'UTC') - interval '40 days' + n * interval '1 second' END AS received_at
                        FROM generate_series(1, {EventsPerApplication}) n),
                    keys AS (INSERT INTO event.event_key SELECT event_id, '{tenant.ApplicationId}', received_at FROM e)
                    INSERT INTO event.event (event_id, application_id, event_type_name, payload, payload_content_type, occurred_at, received_at, labels, searchable)
                    SELECT event_id, '{tenant.ApplicationId}', '{tenant.EventType}',
                           convert_to(jsonb_build_object('customer', jsonb_build_object('id', (n % 1000)::text), 'kind', 'invoice', 'n', n)::text, 'UTF8'),
                           'application/json', received_at, received_at, jsonb_build_object(), true
                    FROM e
                    """);
            }

            // The keeper adopts the old day out of DEFAULT: a table created LIKE the parent, then attached.
            await ApiFixture.Factory.Services.GetRequiredService<PartitionUpkeep>().RunAsync(CancellationToken.None);
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM event.event_default"), Is.Zero, "the old day has its partition now");

            var indexed = await Database.ScalarAsync<string>("""
                SELECT string_agg(c.relname, ',') FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                WHERE i.inhparent = 'event.ix_event_payload_json'::regclass
                """) ?? "";
            var unindexed = await Database.ScalarAsync<string>("""
                SELECT coalesce(string_agg(p.inhrelid::regclass::text, ','), '') FROM pg_inherits p
                WHERE p.inhparent = 'event.event'::regclass
                  AND NOT EXISTS (SELECT 1 FROM pg_index x JOIN pg_inherits ii ON ii.inhrelid = x.indexrelid
                                  WHERE x.indrelid = p.inhrelid AND ii.inhparent = 'event.ix_event_payload_json'::regclass)
                """);
            var adoptedIndex = await Database.ScalarAsync<string>($"""
                SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_index x ON x.indexrelid = c.oid
                WHERE i.inhparent = 'event.ix_event_payload_json'::regclass AND x.indrelid = 'event.{adopted}'::regclass
                """);
            Assert.Multiple(() =>
            {
                Assert.That(unindexed, Is.Empty, "every partition, DEFAULT and the keeper's days included, has the payload index");
                Assert.That(adoptedIndex, Is.Not.Null, "the partition the keeper just created has it");
                Assert.That(indexed.Split(','), Has.Length.GreaterThanOrEqualTo(3), indexed);
            });

            await Database.ExecuteAsync("ANALYZE event.event");
            // The partitions holding rows: an empty one (the days ahead) is rightly scanned rather than its index opened.
            var populated = (await Database.ScalarAsync<string>(
                "SELECT string_agg(DISTINCT c.relname, ',') FROM event.event e JOIN pg_class c ON c.oid = e.tableoid") ?? "").Split(',');
            await using var scope = ApiFixture.Factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<IngestionDbContext>();
            var deep = new EventCursor(DateTime.UtcNow.AddMinutes(-30), Guid.Empty, Newer: false);
            var back = new EventCursor(DateTime.UtcNow.AddDays(-40), Guid.Empty, Newer: true);
            var cases = new (string What, ListEventsQuery Query, EventCursor? Cursor)[]
            {
                ("payload_contains, first page", Query(mine, contains: """{"customer":{"id":"77"}}"""), null),
                ("payload_path and payload_value (a string or a number), first page", Query(mine, path: "customer.id", value: "77"), null),
                ("payload_contains and an event type, older than a cursor", Query(mine, contains: """{"kind":"invoice","customer":{"id":"77"}}""", type: mine.EventType), deep),
                ("payload_contains, newer than a cursor", Query(mine, contains: """{"customer":{"id":"77"}}"""), back),
            };
            var plans = new List<(string What, string Plan)>();
            foreach (var (what, query, cursor) in cases)
            {
                var criteria = PayloadSearch.Check(query.PayloadContains, query.PayloadPath, query.PayloadValue, out _)!;
                plans.Add((what, await QueryPlans.ExplainAsync(db, ListEventsHandler.PageQuery(db, query, criteria, cursor).CreateDbCommand(), "ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF")));
            }

            await TestContext.Out.WriteLineAsync(string.Join("\n\n", plans.Select(p => $"-- {p.What}\n{p.Plan}")));
            Assert.Multiple(() =>
            {
                foreach (var (what, plan) in plans)
                {
                    var scanned = PayloadIndexScan().Matches(plan).Select(m => m.Groups[1].Value).ToList();
                    Assert.That(scanned.Intersect(indexed.Split(',')), Is.Not.Empty, $"{what}: read through the payload index\n{plan}");
                    Assert.That(SeqScan().Matches(plan).Select(m => m.Groups[1].Value), Has.None.AnyOf(populated), $"{what}: no partition holding events read whole\n{plan}");
                }

                Assert.That(plans[0].Plan, Does.Contain(adoptedIndex!), "the keeper's new partition is searched through its index");
            });

            // And the answer: only this application's four events of customer 77 (n = 77, 1077, 2077, 3077).
            await using var answerScope = ApiFixture.Factory.Services.CreateAsyncScope();
            var page = await answerScope.ServiceProvider.GetRequiredService<ISender>().Send(Query(mine, path: "customer.id", value: "77"));
            Assert.That(page.Items, Has.Count.EqualTo(4));
        }
        finally
        {
            await Database.ExecuteAsync($"DROP TABLE IF EXISTS event.{adopted}");
        }
    }

    private static ListEventsQuery Query(Tenant tenant, string? contains = null, string? path = null, string? value = null, string? type = null)
        => new(Caller.MasterKey, tenant.ApplicationId, type, null, null, null, null, null, 50, PayloadContains: contains, PayloadPath: path, PayloadValue: value);

    [GeneratedRegex(@"Bitmap Index Scan on (\S+)", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex PayloadIndexScan();

    [GeneratedRegex(@"Seq Scan on (\S+)", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex SeqScan();
}
