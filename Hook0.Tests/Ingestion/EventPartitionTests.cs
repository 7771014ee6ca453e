using System.Net.Http.Json;
using Hook0.Modules.Ingestion.Data;
using Hook0.Modules.Kernel.Partitions;
using Hook0.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hook0.Tests.Ingestion;

/// <summary>
/// The event table partitioned by day of reception: ids stay unique across days through <c>event.event_key</c>,
/// lookups by id reach an event in any day, and the list's first page is read through indexes.
/// </summary>
public sealed class EventPartitionTests : ApiTest
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);
    private Tenant _tenant = null!;
    private Scenario _scenario = null!;

    [SetUp]
    public async Task CreateTenantAsync()
    {
        _scenario = new Scenario(Master());
        _tenant = await _scenario.TenantAsync();
    }

    private static async Task<string> ExplainAsync(string sql)
    {
        await Database.ExecuteAsync("ANALYZE event.event");
        var lines = new List<string>();
        await using var connection = new Npgsql.NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand($"EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) {sql}", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join('\n', lines);
    }

    [Test]
    public async Task An_event_id_stays_taken_whatever_day_its_event_is_kept_in_and_is_found_there()
    {
        var eventId = Guid.NewGuid();
        var body = Scenario.Event(_tenant.ApplicationId, _tenant.EventType, eventId: eventId);
        await PostJsonAsync(Master(), "/api/v1/event", body);
        var past = Today.AddDays(-40);
        var partition = $"event.{EventPartitions.Events.PartitionName(past)}";
        try
        {
            // Received 40 days ago: no day partition that old, so it is kept in DEFAULT until its day is created.
            await Database.ExecuteAsync($"UPDATE event.event SET received_at = received_at - interval '40 days' WHERE event_id = '{eventId}'");
            await Database.ExecuteAsync($"UPDATE event.event_key SET received_at = received_at - interval '40 days' WHERE event_id = '{eventId}'");
            Assert.That(await Database.ScalarAsync<string>($"SELECT tableoid::regclass::text FROM event.event WHERE event_id = '{eventId}'"), Is.EqualTo("event.event_default"));
            await AssertProblemAsync(await Master().PostAsJsonAsync("/api/v1/event", body), 409, "EventAlreadyIngested");

            await ApiFixture.Factory.Services.GetRequiredService<PartitionUpkeep>().RunAsync(CancellationToken.None);

            Assert.That(await Database.ScalarAsync<string>($"SELECT tableoid::regclass::text FROM event.event WHERE event_id = '{eventId}'"), Is.EqualTo(partition));
            await AssertProblemAsync(await Master().PostAsJsonAsync("/api/v1/event", body), 409, "EventAlreadyIngested");
            var read = await JsonAsync(await Master().GetAsync($"/api/v1/events/{eventId}?application_id={_tenant.ApplicationId}"));
            Assert.That(read["received_at"]!.GetValue<DateTime>(), Is.EqualTo(DateTime.UtcNow.AddDays(-40)).Within(TimeSpan.FromMinutes(1)));
            var listed = await JsonAsync(await Master().GetAsync($"/api/v1/events?application_id={_tenant.ApplicationId}&event_id={eventId}"));
            Assert.That(listed.AsArray().Select(e => e!["event_id"]!.GetValue<Guid>()), Is.EqualTo(new[] { eventId }));
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM event.event"), Is.EqualTo(1));
        }
        finally
        {
            await Database.ExecuteAsync($"DROP TABLE IF EXISTS {partition}");
        }
    }

    [Test]
    public async Task Of_two_events_with_one_id_in_a_group_the_first_is_stored_with_one_key()
    {
        var eventId = Guid.NewGuid();
        var first = Scenario.Event(_tenant.ApplicationId, _tenant.EventType, payload: "{\"n\":1}", eventId: eventId);
        var second = Scenario.Event(_tenant.ApplicationId, _tenant.EventType, payload: "{\"n\":2}", eventId: eventId);

        await Master().PostAsJsonAsync("/api/v1/events/batch", new[] { first, second });

        Assert.Multiple(async () =>
        {
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM event.event"), Is.EqualTo(1));
            Assert.That(await Database.ScalarAsync<string>("SELECT convert_from(payload, 'UTF8') FROM event.event"), Is.EqualTo("{\"n\":1}"));
            Assert.That(await Database.ScalarAsync<long>($"SELECT count(*) FROM event.event_key k JOIN event.event e USING (event_id, application_id, received_at) WHERE k.event_id = '{eventId}'"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task The_first_page_of_the_event_list_and_a_lookup_by_id_are_read_through_indexes_not_every_partition()
    {
        // 3,000 events over yesterday and today (their own day partitions) and 40 days ago (DEFAULT).
        await Database.ExecuteAsync($"""
            WITH e AS (
                SELECT gen_random_uuid() AS event_id, now() - (n % 3) * interval '20 hours' - (n % 3 / 2) * interval '38 days' - n * interval '1 second' AS received_at
                FROM generate_series(1, 3000) n),
            keys AS (INSERT INTO event.event_key SELECT event_id, '{_tenant.ApplicationId}', received_at FROM e)
            INSERT INTO event.event (event_id, application_id, event_type_name, payload, payload_content_type, occurred_at, received_at, labels)
            SELECT event_id, '{_tenant.ApplicationId}', '{_tenant.EventType}', '\x7b7d', 'application/json', received_at, received_at, jsonb_build_object() FROM e
            """);
        var someId = await Database.ScalarAsync<Guid>("SELECT event_id FROM event.event_default LIMIT 1");

        var page = await ExplainAsync($"""
            SELECT event_id, received_at FROM event.event
            WHERE application_id = '{_tenant.ApplicationId}' ORDER BY received_at DESC, event_id DESC LIMIT 51
            """);
        var typed = await ExplainAsync($"""
            SELECT event_id, received_at FROM event.event
            WHERE application_id = '{_tenant.ApplicationId}' AND event_type_name = '{_tenant.EventType}' ORDER BY received_at DESC, event_id DESC LIMIT 51
            """);
        // The shape EventLookup.WithId gives: the key's received_at in a scalar sub-query prunes every other partition.
        var byId = await ExplainAsync($"""
            SELECT event_id FROM event.event
            WHERE application_id = '{_tenant.ApplicationId}' AND event_id = '{someId}'
              AND received_at = (SELECT received_at FROM event.event_key WHERE event_id = '{someId}' LIMIT 1)
            """);

        Assert.Multiple(() =>
        {
            Assert.That(page, Does.Not.Contain("Seq Scan").And.Contain("Index"), page);
            Assert.That(typed, Does.Not.Contain("Seq Scan").And.Contain("Index"), typed);
            // Every partition but the one holding the event is skipped at run time (however the planner would have read them).
            var executed = byId.Split('\n').Where(l => (l.Contains(" on event_p", StringComparison.Ordinal) || l.Contains(" on event_default", StringComparison.Ordinal))
                && !l.Contains("never executed", StringComparison.Ordinal)).ToList();
            Assert.That(executed, Has.Count.EqualTo(1), byId);
            Assert.That(executed, Has.All.Contains("event_default").And.All.Contains("Index"), byId);
        });
    }
}
