using System.Net.Http.Headers;
using System.Net.Http.Json;
using Hook0.Modules.Ingestion.Data;
using Hook0.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace Hook0.Tests.Ingestion;

/// <summary>
/// The <c>PartitionedEvents</c> migration moves a wave-one event table into day partitions: every row kept as it was
/// (ids, payloads, timestamps), each id keyed, nothing left in DEFAULT, and the API answers as before.
/// </summary>
public sealed class EventTableUpgradeTests
{
    private const string WaveOne = "20261207104520_DeliveryPayloadKeys";

    // Every column of every event, in a canonical order: equal before and after means nothing changed.
    private const string Digest = """
        SELECT md5(string_agg(concat_ws('|', event_id, application_id, event_type_name, md5(payload), payload_content_type, ip, metadata,
                                         occurred_at, received_at, dispatched_at, labels), ',' ORDER BY event_id))
        FROM event.event
        """;

    [Test]
    public async Task Wave_one_events_move_into_day_partitions_unchanged_and_are_served_as_before()
    {
        var database = TestDatabase.CreateUnique("hook0_evup");
        try
        {
            await using var factory = new Hook0Factory(database, new Dictionary<string, string?> { ["HOUSEKEEPING_ENABLED"] = "false" });
            var client = factory.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Hook0Factory.MasterKey);
            var tenant = await new Scenario(client).TenantAsync();

            // Back to the wave-one table (the migration's Down), filled as wave one left it: three days, one never dispatched.
            await MigrateIngestionAsync(factory, WaveOne);
            Assert.That(await database.ScalarAsync<string>("SELECT relkind::text FROM pg_class WHERE oid = 'event.event'::regclass"), Is.EqualTo("r"));
            var ids = new[] { Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7() };
            await database.ExecuteAsync($$"""
                INSERT INTO event.event (event_id, application_id, event_type_name, payload, payload_content_type, ip, metadata, occurred_at, received_at, dispatched_at, labels)
                VALUES ('{{ids[0]}}', '{{tenant.ApplicationId}}', '{{tenant.EventType}}', convert_to('{"n":0}', 'UTF8'), 'application/json', '10.0.0.1', '{"m":"1"}',
                        now() - interval '40 days 1 minute', now() - interval '40 days', now() - interval '40 days', '{"env":"prod"}'),
                       ('{{ids[1]}}', '{{tenant.ApplicationId}}', '{{tenant.EventType}}', '\x00ff', 'application/octet-stream+base64', NULL, NULL,
                        now() - interval '2 days', now() - interval '2 days', NULL, '{"env":"dev"}'),
                       ('{{ids[2]}}', '{{tenant.ApplicationId}}', '{{tenant.EventType}}', convert_to('hello', 'UTF8'), 'text/plain', '::1', NULL,
                        now(), now(), now(), '{"env":"prod"}');
                """);
            var before = await database.ScalarAsync<string>(Digest);

            await MigrateIngestionAsync(factory, null);

            Assert.Multiple(async () =>
            {
                Assert.That(await database.ScalarAsync<string>("SELECT relkind::text FROM pg_class WHERE oid = 'event.event'::regclass"), Is.EqualTo("p"));
                Assert.That(await database.ScalarAsync<string>(Digest), Is.EqualTo(before), "every event kept exactly");
                Assert.That(await database.ScalarAsync<long>("SELECT count(*) FROM event.event_default"), Is.Zero, "each day got its partition");
                Assert.That(await database.ScalarAsync<long>("SELECT count(DISTINCT tableoid) FROM event.event"), Is.EqualTo(3));
                Assert.That(await database.ScalarAsync<long>(
                    "SELECT count(*) FROM event.event e JOIN event.event_key k USING (event_id, application_id, received_at)"), Is.EqualTo(3), "every id keyed");
                Assert.That(await database.ScalarAsync<long>("SELECT count(*) FROM event.delivery_payload"), Is.EqualTo(3));
            });

            var old = await client.GetFromJsonAsync<System.Text.Json.Nodes.JsonNode>($"/api/v1/events/{ids[0]}?application_id={tenant.ApplicationId}");
            Assert.That(old!["payload"]!.GetValue<string>(), Is.EqualTo(Convert.ToBase64String("{\"n\":0}"u8.ToArray())));
            var listed = await client.GetFromJsonAsync<System.Text.Json.Nodes.JsonArray>($"/api/v1/events?application_id={tenant.ApplicationId}");
            Assert.That(listed!.Select(e => e!["event_id"]!.GetValue<Guid>()), Is.EqualTo(new[] { ids[2], ids[1], ids[0] }));
            var repeat = await client.PostAsJsonAsync("/api/v1/event", Scenario.Event(tenant.ApplicationId, tenant.EventType, eventId: ids[1]));
            Assert.That((int)repeat.StatusCode, Is.EqualTo(409), "a wave-one id stays taken");
        }
        finally
        {
            await database.DropAsync();
        }
    }

    private static async Task MigrateIngestionAsync(Hook0Factory factory, string? target)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<IngestionDbContext>();
        await context.GetService<IMigrator>().MigrateAsync(target);
    }
}
