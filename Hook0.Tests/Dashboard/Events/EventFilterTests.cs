using Hook0.Modules.Dashboard.Events;
using Hook0.Modules.Ingestion.Contracts;
using Hook0.Modules.Kernel.Auth;

namespace Hook0.Tests.Dashboard.Events;

public sealed class EventFilterTests
{
    private static readonly Guid App = Guid.NewGuid();

    [Test]
    public void An_empty_filter_asks_for_the_first_page_of_everything()
    {
        var query = new EventFilter().Parse().ToQuery(Caller.MasterKey, App, null);

        Assert.That(query, Is.EqualTo(new ListEventsQuery(Caller.MasterKey, App, null, null, null, null, null, null, EventFilter.PageSize)));
    }

    [Test]
    public void Every_filter_maps_to_its_query_field_with_times_in_utc()
    {
        var id = Guid.NewGuid();
        var filter = new EventFilter
        {
            EventType = "billing.invoice.paid",
            Label = " tenant = acme=1 ",
            From = "2026-01-31T13:45",
            To = "2026-02-01T00:00:30",
            Search = $" {id} ",
        };

        var query = filter.Parse().ToQuery(Caller.MasterKey, App, "cursor");

        Assert.Multiple(() =>
        {
            Assert.That(query.EventType, Is.EqualTo("billing.invoice.paid"));
            Assert.That((query.LabelKey, query.LabelValue), Is.EqualTo(("tenant", "acme=1")), "the first '=' splits key from value");
            Assert.That(query.From, Is.EqualTo(new DateTime(2026, 1, 31, 13, 45, 0, DateTimeKind.Utc)));
            Assert.That(query.From!.Value.Kind, Is.EqualTo(DateTimeKind.Utc));
            Assert.That(query.To, Is.EqualTo(new DateTime(2026, 2, 1, 0, 0, 30, DateTimeKind.Utc)));
            Assert.That(query.EventId, Is.EqualTo(id));
            Assert.That(query.Cursor, Is.EqualTo("cursor"));
        });
    }

    [TestCase("tenant", "", "", "", "label", "Write the label as key=value, e.g. tenant=acme.")]
    [TestCase("=acme", "", "", "", "label", "Write the label as key=value, e.g. tenant=acme.")]
    [TestCase("", "yesterday", "", "", "from", "Not a date and time (UTC), e.g. 2026-01-31T13:45.")]
    [TestCase("", "2026-02-01T00:00", "2026-01-01T00:00", "", "to", "Must be after 'from'.")]
    [TestCase("", "", "", "abc123", "search", "Paste a whole event id (a UUID).")]
    public void A_bad_filter_names_its_field_and_says_what_to_write(string label, string from, string to, string search, string field, string message)
    {
        var parsed = new EventFilter { Label = label, From = from, To = to, Search = search }.Parse();

        Assert.That((parsed.Field, parsed.Error), Is.EqualTo((field, message)));
    }

    [Test]
    public void Payload_filters_are_the_api_parameters_and_a_path_with_an_empty_value_looks_for_the_empty_string()
    {
        var parsed = new EventFilter { PayloadContains = """ {"customer":{"id":"42"}} """, PayloadPath = " customer.id ", PayloadValue = " 42 " }.Parse();
        var query = parsed.ToQuery(Caller.MasterKey, App, null);
        var empty = new EventFilter { PayloadPath = "customer.note" }.Parse().ToQuery(Caller.MasterKey, App, null);

        Assert.Multiple(() =>
        {
            Assert.That(parsed.Error, Is.Null);
            Assert.That(query.PayloadContains, Is.EqualTo("""{"customer":{"id":"42"}}"""));
            Assert.That((query.PayloadPath, query.PayloadValue), Is.EqualTo(("customer.id", "42")));
            Assert.That(parsed.HasPayloadFilter, Is.True, "replay by filter is not offered");
            Assert.That((empty.PayloadPath, empty.PayloadValue), Is.EqualTo(("customer.note", "")));
            Assert.That(new EventFilter { Label = "tenant=acme" }.Parse().HasPayloadFilter, Is.False);
            Assert.That(new EventFilter { PayloadValue = " " }.IsEmpty, Is.True);
            Assert.That(new EventFilter { PayloadPath = "a" }.IsEmpty, Is.False);
        });
    }

    [TestCase("[1]", "", "", "payload_contains", """The parameter 'payload_contains' must be a JSON object, e.g. {"customer":{"id":"42"}}.""")]
    [TestCase("", "customer..id", "1", "payload_path", "The parameter 'payload_path' must be object keys separated by dots, e.g. customer.id.")]
    [TestCase("", "", "42", "payload_path", "The parameter 'payload_value' needs 'payload_path', the keys leading to it.")]
    [TestCase("long", "", "", "payload_contains", "At most 2000 characters here, so that the filter fits in the page's address.")]
    public void A_bad_payload_filter_shows_the_apis_message_on_its_field(string contains, string path, string value, string field, string message)
    {
        contains = contains == "long" ? "{\"a\":\"" + new string('x', 2000) + "\"}" : contains;

        var parsed = new EventFilter { PayloadContains = contains, PayloadPath = path, PayloadValue = value }.Parse();

        Assert.That((parsed.Field, parsed.Error), Is.EqualTo((field, message)));
    }

    [Test]
    public void Replay_by_filter_covers_the_listed_events_and_everything_until_now_without_a_range()
    {
        var now = new DateTime(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);
        var parsed = new EventFilter { EventType = "a.b.c", Label = "tenant=acme" }.Parse();

        var replay = parsed.ToReplay(Caller.MasterKey, App, now, dryRun: true);

        Assert.Multiple(() =>
        {
            Assert.That((replay.From, replay.To), Is.EqualTo((DateTime.UnixEpoch, now)));
            Assert.That(replay.EventType, Is.EqualTo("a.b.c"));
            Assert.That(replay.Labels, Is.EqualTo(new Dictionary<string, string> { ["tenant"] = "acme" }));
            Assert.That(replay.DryRun, Is.True);
        });
    }
}
