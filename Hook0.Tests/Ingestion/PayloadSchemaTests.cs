using System.Net;
using System.Net.Http.Json;
using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.Ingestion;

/// <summary>Event types may carry a JSON Schema that JSON payloads must satisfy (no peer enforces this).</summary>
public sealed class PayloadSchemaTests : ApiTest
{
    private const string Schema = """
        {"type":"object","required":["amount","currency"],
         "properties":{"amount":{"type":"integer","minimum":0},"currency":{"type":"string","enum":["EUR","USD"]}}}
        """;

    private Tenant _tenant = null!;

    [SetUp]
    public async Task CreateTypedTenantAsync()
    {
        _tenant = await new Scenario(Master()).TenantAsync();
        var body = new { application_id = _tenant.ApplicationId, service = "billing", resource_type = "invoice", verb = "paid", schema = System.Text.Json.JsonDocument.Parse(Schema).RootElement };
        var created = await PostJsonAsync(Master(), "/api/v1/event_types", body);
        Assert.That(created["schema"]!["required"]!.ToJsonString(), Is.EqualTo("[\"amount\",\"currency\"]"));
    }

    [Test]
    public async Task A_conforming_payload_is_accepted()
        => Assert.That((await Master().PostAsJsonAsync("/api/v1/event",
            Scenario.Event(_tenant.ApplicationId, _tenant.EventType, payload: "{\"amount\":12,\"currency\":\"EUR\"}"))).StatusCode, Is.EqualTo(HttpStatusCode.Created));

    [Test]
    public async Task A_violating_payload_is_refused_with_each_failing_location()
    {
        var problem = await AssertProblemAsync(await Master().PostAsJsonAsync("/api/v1/event",
            Scenario.Event(_tenant.ApplicationId, _tenant.EventType, payload: "{\"amount\":-1,\"currency\":\"GBP\"}")), 422, "Validation");

        var failure = problem["validation"]!["payload"]![0]!;
        Assert.That(failure["code"]!.GetValue<string>(), Is.EqualTo("payload-schema"));
        Assert.That(failure["message"]!.GetValue<string>(), Does.Contain("/amount").And.Contain("/currency"));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM event.event"), Is.Zero);
    }

    [Test]
    public async Task Non_json_payloads_are_not_schema_checked()
        => Assert.That((await Master().PostAsJsonAsync("/api/v1/event",
            Scenario.Event(_tenant.ApplicationId, _tenant.EventType, payload: "anything", contentType: "text/plain"))).StatusCode, Is.EqualTo(HttpStatusCode.Created));

    [Test]
    public async Task An_upstream_client_upsert_keeps_the_schema_and_null_removes_it()
    {
        var upstream = new { application_id = _tenant.ApplicationId, service = "billing", resource_type = "invoice", verb = "paid" };
        var kept = await PostJsonAsync(Master(), "/api/v1/event_types", upstream);
        Assert.That(kept["schema"], Is.Not.Null);
        await AssertProblemAsync(await Master().PostAsJsonAsync("/api/v1/event",
            Scenario.Event(_tenant.ApplicationId, _tenant.EventType, payload: "{}")), 422, "Validation");

        var cleared = await Master().PostAsync("/api/v1/event_types", RawJson(
            $$$"""{"application_id":"{{{_tenant.ApplicationId}}}","service":"billing","resource_type":"invoice","verb":"paid","schema":null}"""));
        Assert.That((await JsonAsync(cleared))["schema"], Is.Null);
        Assert.That((await Master().PostAsJsonAsync("/api/v1/event", Scenario.Event(_tenant.ApplicationId, _tenant.EventType, payload: "{}"))).StatusCode,
            Is.EqualTo(HttpStatusCode.Created));
    }

    [Test]
    public async Task An_invalid_schema_is_refused_when_the_type_is_saved()
    {
        var body = RawJson($$$"""{"application_id":"{{{_tenant.ApplicationId}}}","service":"a","resource_type":"b","verb":"c","schema":{"type":12}}""");

        var problem = await AssertProblemAsync(await Master().PostAsync("/api/v1/event_types", body), 422, "Validation");

        Assert.That(problem["validation"]!["schema"], Is.Not.Null);
    }
}
