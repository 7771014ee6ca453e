using System.Net;
using System.Net.Http.Json;
using System.Text;
using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.Ingestion;

public sealed class IngestEventTests : ApiTest
{
    private Tenant _tenant = null!;
    private Scenario _scenario = null!;

    [SetUp]
    public async Task CreateTenantAsync()
    {
        _scenario = new Scenario(Master());
        _tenant = await _scenario.TenantAsync();
    }

    [Test]
    public async Task Ingest_answers_201_with_a_time_ordered_id()
    {
        var response = await As(_tenant.Secret).PostAsJsonAsync("/api/v1/event", Scenario.Event(_tenant.ApplicationId, _tenant.EventType));
        var body = await JsonAsync(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToJsonString());
        var id = body["event_id"]!.GetValue<Guid>();
        Assert.Multiple(() =>
        {
            Assert.That(body.AsObject().Select(p => p.Key), Is.EquivalentTo(new[] { "application_id", "event_id", "received_at" }));
            Assert.That(body["application_id"]!.GetValue<Guid>(), Is.EqualTo(_tenant.ApplicationId));
            Assert.That(id.Version, Is.EqualTo(7), "server-generated ids are UUIDv7");
            Assert.That(body["received_at"]!.GetValue<DateTime>(), Is.EqualTo(DateTime.UtcNow).Within(TimeSpan.FromMinutes(1)));
        });
    }

    [TestCase("application/json", "{ \"kept\" :  [1, 2.50, \"as sent\"] }", "{ \"kept\" :  [1, 2.50, \"as sent\"] }")]
    [TestCase("text/plain", "héllo wörld", "héllo wörld")]
    [TestCase("application/octet-stream+base64", "AAEC/w==", null)]
    public async Task The_payload_is_stored_as_the_bytes_to_deliver(string contentType, string payload, string? expectedText)
    {
        var id = await _scenario.IngestAsync(_tenant.ApplicationId, _tenant.EventType, payload: payload, contentType: contentType);

        var stored = await Database.ScalarAsync<string>($"SELECT encode(payload, 'base64') FROM event.event WHERE event_id = '{id}'");
        var expected = expectedText is null ? new byte[] { 0, 1, 2, 255 } : Encoding.UTF8.GetBytes(expectedText);
        Assert.That(Convert.FromBase64String(stored!), Is.EqualTo(expected));

        var read = await JsonAsync(await Master().GetAsync($"/api/v1/events/{id}?application_id={_tenant.ApplicationId}"));
        Assert.That(Convert.FromBase64String(read["payload"]!.GetValue<string>()), Is.EqualTo(expected), "read back as standard base64 of the stored bytes");
        Assert.That(read["payload_content_type"]!.GetValue<string>(), Is.EqualTo(contentType));
    }

    [Test]
    public async Task A_client_event_id_is_an_idempotency_key()
    {
        var eventId = Guid.NewGuid();
        var body = Scenario.Event(_tenant.ApplicationId, _tenant.EventType, eventId: eventId);

        var first = await Master().PostAsJsonAsync("/api/v1/event", body);
        var second = await Master().PostAsJsonAsync("/api/v1/event", body);

        Assert.That((await JsonAsync(first))["event_id"]!.GetValue<Guid>(), Is.EqualTo(eventId));
        await AssertProblemAsync(second, 409, "EventAlreadyIngested");
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM event.event"), Is.EqualTo(1));
    }

    [Test]
    public async Task Concurrent_duplicates_yield_exactly_one_201()
    {
        await _scenario.SubscriptionAsync(_tenant.ApplicationId, [_tenant.EventType]);
        var body = Scenario.Event(_tenant.ApplicationId, _tenant.EventType, eventId: Guid.NewGuid());

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Master().PostAsJsonAsync("/api/v1/event", body)));

        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.Created), Is.EqualTo(1));
        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.Conflict), Is.EqualTo(11));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM event.event"), Is.EqualTo(1));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM webhook.delivery_queue"), Is.EqualTo(1), "one event, one attempt");
    }

    [TestCase("application/xml", "<a/>", 400, "EventInvalidPayloadContentType")]
    [TestCase("application/json", "{not json", 400, "EventInvalidJsonPayload")]
    [TestCase("application/octet-stream+base64", "@@@", 400, "EventInvalidBase64Payload")]
    public async Task Payloads_that_do_not_decode_are_refused(string contentType, string payload, int status, string id)
    {
        await AssertProblemAsync(await Master().PostAsJsonAsync("/api/v1/event",
            Scenario.Event(_tenant.ApplicationId, _tenant.EventType, payload: payload, contentType: contentType)), status, id);
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM event.event"), Is.Zero);
    }

    [Test]
    public async Task An_unknown_event_type_is_refused()
    {
        await AssertProblemAsync(await Master().PostAsJsonAsync("/api/v1/event", Scenario.Event(_tenant.ApplicationId, "no.such.type")), 400, "EventTypeDoesNotExist");
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM event.event"), Is.Zero);
    }

    [Test]
    public async Task A_deactivated_event_type_still_accepts_events_as_upstream()
    {
        await Master().DeleteAsync($"/api/v1/event_types/{_tenant.EventType}?application_id={_tenant.ApplicationId}");

        var response = await Master().PostAsJsonAsync("/api/v1/event", Scenario.Event(_tenant.ApplicationId, _tenant.EventType));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    public static IEnumerable<TestCaseData> InvalidFields()
    {
        yield return new TestCaseData("labels", "labels-size", new Dictionary<string, object?> { ["labels"] = new Dictionary<string, string>() });
        yield return new TestCaseData("labels", "labels-size", new Dictionary<string, object?> { ["labels"] = Enumerable.Range(0, 11).ToDictionary(i => $"k{i}", _ => "v") });
        yield return new TestCaseData("labels", "labels-property-length", new Dictionary<string, object?> { ["labels"] = new Dictionary<string, string> { ["k"] = new string('v', 51) } });
        yield return new TestCaseData("metadata", "metadata-size", new Dictionary<string, object?> { ["metadata"] = Enumerable.Range(0, 51).ToDictionary(i => $"k{i}", _ => "v") });
        yield return new TestCaseData("metadata", "metadata-property-length", new Dictionary<string, object?> { ["metadata"] = new Dictionary<string, string> { [""] = "v" } });
        yield return new TestCaseData("event_type", "length", new Dictionary<string, object?> { ["event_type"] = new string('t', 201) });
        yield return new TestCaseData("payload", "length", new Dictionary<string, object?> { ["payload"] = new string('p', 699_051), ["payload_content_type"] = "text/plain" });
    }

    [TestCaseSource(nameof(InvalidFields))]
    public async Task Field_rules_are_validation_problems(string field, string code, Dictionary<string, object?> overrides)
    {
        var body = (Dictionary<string, object?>)Scenario.Event(_tenant.ApplicationId, _tenant.EventType);
        foreach (var (key, value) in overrides)
        {
            body[key] = value;
        }

        var problem = await AssertProblemAsync(await Master().PostAsJsonAsync("/api/v1/event", body), 422, "Validation");

        Assert.That(problem["validation"]![field]![0]!["code"]!.GetValue<string>(), Is.EqualTo(code));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM event.event"), Is.Zero);
    }

    [Test]
    public async Task Field_validation_comes_before_the_payload_checks()
    {
        var body = (Dictionary<string, object?>)Scenario.Event(_tenant.ApplicationId, _tenant.EventType, payload: "x", contentType: "bogus/type");
        body["labels"] = new Dictionary<string, string>();

        await AssertProblemAsync(await Master().PostAsJsonAsync("/api/v1/event", body), 422, "Validation");
    }

    [TestCase("occurred_at")]
    [TestCase("labels")]
    [TestCase("payload")]
    public async Task A_missing_required_member_is_a_json_payload_problem(string member)
    {
        var body = (Dictionary<string, object?>)Scenario.Event(_tenant.ApplicationId, _tenant.EventType);
        body.Remove(member);

        await AssertProblemAsync(await Master().PostAsJsonAsync("/api/v1/event", body), 400, "JsonPayload");
    }

    [Test]
    public async Task Another_applications_secret_cannot_ingest_here()
    {
        var other = await _scenario.TenantAsync("Other");

        await AssertProblemAsync(await As(other.Secret).PostAsJsonAsync("/api/v1/event", Scenario.Event(_tenant.ApplicationId, _tenant.EventType)), 403, "Forbidden");
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM event.event"), Is.Zero);
    }

    [Test]
    public async Task The_caller_ip_and_metadata_are_recorded()
    {
        var body = (Dictionary<string, object?>)Scenario.Event(_tenant.ApplicationId, _tenant.EventType);
        body["metadata"] = new Dictionary<string, string> { ["source"] = "tests" };
        var id = (await PostJsonAsync(Master(), "/api/v1/event", body))["event_id"]!.GetValue<Guid>();

        var read = await JsonAsync(await Master().GetAsync($"/api/v1/events/{id}?application_id={_tenant.ApplicationId}"));

        Assert.That(read["metadata"]!.ToJsonString(), Is.EqualTo("""{"source":"tests"}"""));
        Assert.That(read["ip"], Is.Not.Null, "ip is always present (empty when the transport gives no peer address)");
    }
}
