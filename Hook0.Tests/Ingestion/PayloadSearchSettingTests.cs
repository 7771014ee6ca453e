using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.Ingestion;

/// <summary>
/// Payload search is an application setting, off by default (ADR 0025): only the JSON events an application ingests
/// while it is on are indexed, a search of an application without it is refused with <c>PayloadSearchDisabled</c>, and
/// a client that omits the field (an upstream one) never turns it off.
/// </summary>
public sealed class PayloadSearchSettingTests : ApiTest
{
    private const string Customer42 = """{"customer":{"id":"42"}}""";

    private Scenario _scenario = null!;
    private Tenant _tenant = null!;

    [SetUp]
    public async Task CreateTenantAsync()
    {
        _scenario = new Scenario(Master());
        _tenant = await _scenario.TenantAsync();
    }

    private Task<HttpResponseMessage> SearchAsync()
        => Master().GetAsync($"/api/v1/events?application_id={_tenant.ApplicationId}&payload_contains={Uri.EscapeDataString(Customer42)}");

    private async Task<List<Guid>> FoundAsync()
    {
        var response = await SearchAsync();
        var body = await JsonAsync(response);
        Assert.That((int)response.StatusCode, Is.EqualTo(200), body.ToJsonString());
        return [.. body.AsArray().Select(e => e!["event_id"]!.GetValue<Guid>())];
    }

    private async Task<JsonNode> ApplicationAsync() => await JsonAsync(await Master().GetAsync($"/api/v1/applications/{_tenant.ApplicationId}"));

    private Task<long> SearchableAsync()
        => Database.ScalarAsync<long>($"SELECT count(*) FROM event.event WHERE application_id = '{_tenant.ApplicationId}' AND searchable");

    [Test]
    public async Task A_new_application_has_it_off_and_a_search_is_refused_without_touching_anything()
    {
        await _scenario.IngestAsync(_tenant.ApplicationId, _tenant.EventType, payload: Customer42);

        Assert.That((await ApplicationAsync())["payload_search"]!.GetValue<bool>(), Is.False);
        var problem = await AssertProblemAsync(await SearchAsync(), 409, "PayloadSearchDisabled");
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("payload_search"));
        Assert.That(await SearchableAsync(), Is.Zero, "events of an application without the setting are not indexed");
        // Listing without a payload filter is not a search: unaffected.
        Assert.That((int)(await Master().GetAsync($"/api/v1/events?application_id={_tenant.ApplicationId}")).StatusCode, Is.EqualTo(200));
    }

    [Test]
    public async Task Turned_on_it_finds_the_events_ingested_since_by_both_routes_and_not_the_older_ones()
    {
        await _scenario.IngestAsync(_tenant.ApplicationId, _tenant.EventType, payload: Customer42);

        var updated = await _scenario.PayloadSearchAsync(_tenant.ApplicationId, on: true);
        Assert.That(updated["payload_search"]!.GetValue<bool>(), Is.True, "the update answers the new value");
        var single = await _scenario.IngestAsync(_tenant.ApplicationId, _tenant.EventType, payload: Customer42);
        await _scenario.IngestAsync(_tenant.ApplicationId, _tenant.EventType, payload: Customer42, contentType: "text/plain");
        var batch = await As(_tenant.Secret).PostAsync("/api/v1/events/batch", RawJson(
            new JsonArray(JsonSerializer.SerializeToNode(Scenario.Event(_tenant.ApplicationId, _tenant.EventType, payload: Customer42), JsonOptions)).ToJsonString()));
        var batched = (await JsonAsync(batch))[0]!["body"]!["event_id"]!.GetValue<Guid>();

        Assert.That(await FoundAsync(), Is.EqualTo(new[] { batched, single }), "the older event and the text one are not indexed");
        Assert.That(await SearchableAsync(), Is.EqualTo(2));
    }

    [Test]
    public async Task An_update_that_omits_the_field_keeps_it_and_turning_it_off_refuses_searches_again()
    {
        await _scenario.PayloadSearchAsync(_tenant.ApplicationId, on: true);

        // An upstream client knows only organization_id and name.
        var renamed = await Master().PutAsJsonAsync($"/api/v1/applications/{_tenant.ApplicationId}", new { organization_id = _tenant.OrganizationId, name = "Renamed" });
        var body = await JsonAsync(renamed);
        Assert.Multiple(async () =>
        {
            Assert.That((int)renamed.StatusCode, Is.EqualTo(200), body.ToJsonString());
            Assert.That(body["payload_search"]!.GetValue<bool>(), Is.True);
            Assert.That((await ApplicationAsync())["name"]!.GetValue<string>(), Is.EqualTo("Renamed"));
            Assert.That((await ApplicationAsync())["payload_search"]!.GetValue<bool>(), Is.True);
        });
        Assert.That(await FoundAsync(), Is.Empty);

        await _scenario.PayloadSearchAsync(_tenant.ApplicationId, on: false, name: "Renamed");
        await AssertProblemAsync(await SearchAsync(), 409, "PayloadSearchDisabled");
        await _scenario.IngestAsync(_tenant.ApplicationId, _tenant.EventType, payload: Customer42);
        Assert.That(await SearchableAsync(), Is.Zero, "off again: new events are not indexed");
    }

    [Test]
    public async Task It_can_be_set_at_creation_and_is_listed()
    {
        var created = await PostJsonAsync(Master(), "/api/v1/applications",
            new { organization_id = _tenant.OrganizationId, name = "Searchable", payload_search = true });
        var list = await JsonAsync(await Master().GetAsync($"/api/v1/applications?organization_id={_tenant.OrganizationId}"));

        Assert.Multiple(() =>
        {
            Assert.That(created["payload_search"]!.GetValue<bool>(), Is.True);
            Assert.That(list.AsArray().ToDictionary(a => a!["name"]!.GetValue<string>(), a => a!["payload_search"]!.GetValue<bool>()),
                Is.EquivalentTo(new Dictionary<string, bool> { ["Billing"] = false, ["Searchable"] = true }));
        });
    }
}
