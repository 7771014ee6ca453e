using System.Net;
using Hook0.Modules.Ingestion.Contracts;
using Hook0.Modules.Kernel.Auth;
using Hook0.Tests.Infrastructure;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Hook0.Tests.Ingestion;

/// <summary>The events list query the dashboard sends (and the API answers): filters, keyset pages both ways, tenants apart.</summary>
public sealed class ListEventsQueryTests : ApiTest
{
    private static readonly DateTime T0 = new(2026, 1, 10, 12, 0, 0, DateTimeKind.Utc);

    [Test]
    public async Task Pages_walk_older_then_newer_across_ties_on_received_at_without_gaps_or_repeats()
    {
        var tenant = await new Scenario(Master()).TenantAsync();
        // 7 events, the middle five received in the same microsecond: only the id orders them.
        var times = new[] { T0.AddSeconds(3), T0.AddSeconds(2), T0.AddSeconds(2), T0.AddSeconds(2), T0.AddSeconds(2), T0.AddSeconds(2), T0.AddSeconds(1) };
        var ids = new List<Guid>();
        foreach (var t in times)
        {
            ids.Add(await InsertAsync(tenant.ApplicationId, tenant.EventType, t));
        }

        var expected = ids.Select((id, i) => (id, times[i])).OrderByDescending(x => x.Item2).ThenByDescending(x => x.id).Select(x => x.id).ToList();

        var page1 = await ListAsync(tenant.ApplicationId, limit: 3);
        var page2 = await ListAsync(tenant.ApplicationId, limit: 3, cursor: page1.NextCursor);
        var page3 = await ListAsync(tenant.ApplicationId, limit: 3, cursor: page2.NextCursor);
        var back2 = await ListAsync(tenant.ApplicationId, limit: 3, cursor: page3.PreviousCursor);
        var back1 = await ListAsync(tenant.ApplicationId, limit: 3, cursor: back2.PreviousCursor);

        Assert.Multiple(() =>
        {
            Assert.That(Ids(page1).Concat(Ids(page2)).Concat(Ids(page3)), Is.EqualTo(expected));
            Assert.That(page1.PreviousCursor, Is.Null, "the first page has nothing newer");
            Assert.That(page3.NextCursor, Is.Null, "the last page says so (one row read ahead), no empty page after it");
            Assert.That(Ids(back2), Is.EqualTo(Ids(page2)), "newer from page 3 is page 2 again");
            Assert.That(Ids(back1), Is.EqualTo(Ids(page1)));
            Assert.That(back1.PreviousCursor, Is.Null, "back at the newest: nothing newer");
            Assert.That(back2.PreviousCursor, Is.Not.Null);
        });
    }

    [Test]
    public async Task Filters_by_type_label_time_range_and_event_id_combine()
    {
        var scenario = new Scenario(Master());
        var tenant = await scenario.TenantAsync();
        var voided = await scenario.EventTypeAsync(tenant.ApplicationId, "billing", "invoice", "voided");
        var a = await InsertAsync(tenant.ApplicationId, tenant.EventType, T0, """{"tenant":"acme","env":"prod"}""");
        var b = await InsertAsync(tenant.ApplicationId, tenant.EventType, T0.AddHours(1), """{"tenant":"other"}""");
        var c = await InsertAsync(tenant.ApplicationId, voided, T0.AddHours(2), """{"tenant":"acme"}""");
        var d = await InsertAsync(tenant.ApplicationId, tenant.EventType, T0.AddHours(3), """{"tenant":"acme"}""");

        Assert.Multiple(async () =>
        {
            Assert.That(Ids(await ListAsync(tenant.ApplicationId, type: tenant.EventType)), Is.EqualTo(new[] { d, b, a }));
            Assert.That(Ids(await ListAsync(tenant.ApplicationId, label: ("tenant", "acme"))), Is.EqualTo(new[] { d, c, a }));
            Assert.That(Ids(await ListAsync(tenant.ApplicationId, label: ("env", "prod"))), Is.EqualTo(new[] { a }), "one label of several matches");
            Assert.That(Ids(await ListAsync(tenant.ApplicationId, from: T0.AddHours(1), to: T0.AddHours(3))), Is.EqualTo(new[] { c, b }), "from inclusive, to exclusive");
            Assert.That(Ids(await ListAsync(tenant.ApplicationId, type: tenant.EventType, label: ("tenant", "acme"), from: T0.AddMinutes(1))), Is.EqualTo(new[] { d }));
            Assert.That(Ids(await ListAsync(tenant.ApplicationId, eventId: b)), Is.EqualTo(new[] { b }));
            Assert.That(Ids(await ListAsync(tenant.ApplicationId, eventId: b, type: voided)), Is.Empty, "the id search still honours the other filters");
        });
    }

    [Test]
    public async Task Another_tenants_events_never_show_and_its_credentials_are_refused()
    {
        var scenario = new Scenario(Master());
        var mine = await scenario.TenantAsync("Mine");
        var theirs = await scenario.TenantAsync("Theirs");
        var own = await InsertAsync(mine.ApplicationId, mine.EventType, T0);
        var foreign = await InsertAsync(theirs.ApplicationId, theirs.EventType, T0, """{"tenant":"acme"}""");

        Assert.That(Ids(await ListAsync(mine.ApplicationId)), Is.EqualTo(new[] { own }));
        Assert.That(Ids(await ListAsync(mine.ApplicationId, eventId: foreign)), Is.Empty, "searching another application's event id finds nothing");
        Assert.That(Ids(await ListAsync(mine.ApplicationId, label: ("tenant", "acme"))), Is.Empty);

        var refused = await As(theirs.Secret).GetAsync($"/api/v1/events?application_id={mine.ApplicationId}");
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), await refused.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task The_api_keeps_its_wire_shape_and_a_cursor_from_the_dashboard_going_newer_works_there_too()
    {
        var tenant = await new Scenario(Master()).TenantAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await InsertAsync(tenant.ApplicationId, tenant.EventType, T0.AddSeconds(i)));
        }

        var first = await Master().GetAsync($"/api/v1/events?application_id={tenant.ApplicationId}&limit=2");
        var list = (await JsonAsync(first)).AsArray();
        var last = await Master().GetAsync($"/api/v1/events?application_id={tenant.ApplicationId}&limit=3");

        Assert.Multiple(async () =>
        {
            Assert.That(list.Select(e => e!["event_id"]!.GetValue<Guid>()), Is.EqualTo(new[] { ids[2], ids[1] }));
            Assert.That(list[0]!.AsObject().Select(p => p.Key), Is.EqualTo(new[]
            {
                "event_id", "event_type_name", "payload_content_type", "ip", "metadata", "occurred_at", "received_at", "labels",
            }));
            Assert.That(first.Headers.GetValues("Link").Single(), Does.EndWith("rel=\"next\""));
            Assert.That(last.Headers.Contains("Link"), Is.False, "every event fits: no next link");
            Assert.That((await JsonAsync(last)).AsArray(), Has.Count.EqualTo(3));
        });
    }

    [Test]
    public async Task A_malformed_cursor_is_a_clear_400()
    {
        var tenant = await new Scenario(Master()).TenantAsync();

        var problem = await AssertProblemAsync(await Master().GetAsync($"/api/v1/events?application_id={tenant.ApplicationId}&cursor=bm9wZQ"), 400, "InvalidParameter");

        Assert.That(problem["detail"]!.GetValue<string>(), Is.EqualTo("The parameter 'cursor' is malformed."));
    }

    private static IEnumerable<Guid> Ids(EventPage page) => page.Items.Select(e => e.EventId);

    private static async Task<EventPage> ListAsync(Guid applicationId, int limit = 50, string? cursor = null, string? type = null,
        (string Key, string Value)? label = null, DateTime? from = null, DateTime? to = null, Guid? eventId = null)
    {
        await using var scope = ApiFixture.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(
            new ListEventsQuery(Caller.MasterKey, applicationId, type, label?.Key, label?.Value, from, to, cursor, limit, eventId));
    }

    private static async Task<Guid> InsertAsync(Guid applicationId, string type, DateTime receivedAt, string labels = """{"env":"prod"}""")
    {
        var id = Guid.CreateVersion7();
        // An event and its id's key, as the ingest statement writes them (the id lookups go through the key).
        await Database.ExecuteAsync($"""
            INSERT INTO event.event_key (event_id, application_id, received_at) VALUES ('{id}', '{applicationId}', '{receivedAt:O}');
            INSERT INTO event.event (event_id, application_id, event_type_name, payload, payload_content_type, occurred_at, received_at, dispatched_at, labels)
            VALUES ('{id}', '{applicationId}', '{type}', convert_to('1', 'UTF8'), 'application/json', '{receivedAt:O}', '{receivedAt:O}', '{receivedAt:O}', '{labels}'::jsonb)
            """);
        return id;
    }
}
