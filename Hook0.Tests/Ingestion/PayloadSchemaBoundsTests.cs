using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hook0.Modules.Ingestion.Contracts;
using Hook0.Modules.Kernel.Auth;
using Hook0.Tests.Infrastructure;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Hook0.Tests.Ingestion;

/// <summary>
/// Hostile payload schemas (finding 1, ReDoS; finding 4, unresolvable <c>$ref</c>): every bound
/// answers a 422 naming where, through the single route, the batch route and the dashboard's check,
/// and nothing a schema holds makes ingest answer 500. The ReDoS tests assert the distinguishing
/// answer (the time-limit code at the path), never wall time.
/// </summary>
public sealed class PayloadSchemaBoundsTests : ApiTest
{
    /// <summary>Catastrophic backtracking: 2^28 steps before the "!" fails it (seconds of CPU unbounded).</summary>
    private const string Evil = "^(a+)+$";

    private static readonly string EvilInput = new string('a', 28) + "!";

    private Tenant _tenant = null!;

    [SetUp]
    public async Task CreateTenantAsync() => _tenant = await new Scenario(Master()).TenantAsync();

    [Test]
    public async Task A_catastrophic_pattern_is_cut_at_the_time_limit_and_refused_naming_the_path()
    {
        var type = await TypeAsync($$$$"""{"type":"object","properties":{"name":{"type":"string","pattern":"{{{{Evil}}}}"}}}""");

        var problem = await AssertProblemAsync(await Master().PostAsJsonAsync("/api/v1/event",
            Scenario.Event(_tenant.ApplicationId, type, payload: $$"""{"name":"{{EvilInput}}"}""")), 422, "Validation");

        var failure = problem["validation"]!["payload"]![0]!;
        Assert.That(failure["code"]!.GetValue<string>(), Is.EqualTo("payload-schema-limit"));
        Assert.That(failure["message"]!.GetValue<string>(), Does.StartWith("/name: ").And.Contain("PAYLOAD_SCHEMA_TIME_LIMIT_MS"));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM event.event"), Is.Zero);
    }

    [Test]
    public async Task A_catastrophic_pattern_property_is_cut_too_and_the_same_pattern_still_matches_short_names()
    {
        var type = await TypeAsync($$$$"""{"type":"object","patternProperties":{"{{{{Evil}}}}":{"type":"integer"}},"additionalProperties":false}""");

        var problem = await AssertProblemAsync(await Master().PostAsJsonAsync("/api/v1/event",
            Scenario.Event(_tenant.ApplicationId, type, payload: $$"""{"{{EvilInput}}":1}""")), 422, "Validation");
        var accepted = await Master().PostAsJsonAsync("/api/v1/event", Scenario.Event(_tenant.ApplicationId, type, payload: """{"aaa":1}"""));

        Assert.That(problem["validation"]!["payload"]![0]!["code"]!.GetValue<string>(), Is.EqualTo("payload-schema-limit"));
        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.Created), await accepted.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task The_batch_route_and_the_dashboard_check_are_bounded_the_same_way()
    {
        var type = await TypeAsync($$$$"""{"type":"object","properties":{"name":{"pattern":"{{{{Evil}}}}"}}}""");
        var payload = $$"""{"name":"{{EvilInput}}"}""";

        var batch = await Master().PostAsync("/api/v1/events/batch", RawJson(new JsonArray(
            JsonSerializer.SerializeToNode(Scenario.Event(_tenant.ApplicationId, type, payload: payload))).ToJsonString()));
        var result = (await JsonAsync(batch)).AsArray()[0]!;
        var check = await ValidateAsync(type, payload);

        Assert.Multiple(() =>
        {
            Assert.That(result["status"]!.GetValue<int>(), Is.EqualTo(422));
            Assert.That(result["body"]!["validation"]!["payload"]![0]!["code"]!.GetValue<string>(), Is.EqualTo("payload-schema-limit"));
            Assert.That(check.Errors.Single().Path, Is.EqualTo("/name"));
            Assert.That(check.Errors.Single().Message, Does.Contain("time limit").Or.Contain("longer than the limit"));
        });
    }

    [Test]
    public async Task A_schema_naming_an_official_draft_gets_the_bounded_patterns_too()
    {
        var type = await TypeAsync($$$$"""{"$schema":"https://json-schema.org/draft/2020-12/schema","properties":{"name":{"pattern":"{{{{Evil}}}}"}}}""");

        var problem = await AssertProblemAsync(await Master().PostAsJsonAsync("/api/v1/event",
            Scenario.Event(_tenant.ApplicationId, type, payload: $$"""{"name":"{{EvilInput}}"}""")), 422, "Validation");

        Assert.That(problem["validation"]!["payload"]![0]!["code"]!.GetValue<string>(), Is.EqualTo("payload-schema-limit"));
    }

    [TestCase("""{"pattern":"(unclosed"}""", "(unclosed")]
    [TestCase("""{"patternProperties":{"[z-a]":true}}""", "[z-a]")]
    [TestCase("""{"$ref":"https://example.com/schema.json"}""", "never fetched")]
    [TestCase("""{"properties":{"a":{"$ref":"other.json#/x"}}}""", "never fetched")]
    [TestCase("""{"$ref":"#/$defs/missing"}""", "does not resolve")]
    [TestCase("""{"$ref":"#nowhere"}""", "does not resolve")]
    [TestCase("""{"$schema":"https://example.com/my-dialect"}""", "is not a dialect")]
    [TestCase("""{"anyOf":[{"$ref":"#"}]}""", "nests deeper")]
    [TestCase("""{"$schema":"https://json-schema.org/draft/2019-09/schema","$recursiveAnchor":true,"$recursiveRef":"#"}""", "nests deeper")]
    [TestCase("""{"$schema":"https://json-schema.org/draft/2020-12/schema","$dynamicAnchor":"a","$dynamicRef":"#a"}""", "nests deeper")]
    [TestCase("""{"$defs":{"a":{"allOf":[{"$ref":"#/$defs/b"}]},"b":{"not":{"$ref":"#/$defs/a"}}},"$ref":"#/$defs/a"}""", "nests deeper")]
    public async Task A_schema_that_cannot_be_evaluated_safely_is_refused_when_saved(string schema, string named)
    {
        var problem = await AssertProblemAsync(await Master().PostAsync("/api/v1/event_types", TypeBody("bad", schema)), 422, "Validation");

        Assert.That(problem["validation"]!["schema"]![0]!["message"]!.GetValue<string>(), Does.Contain(named));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM event.event_type WHERE verb = 'bad'"), Is.Zero);
    }

    [Test]
    public async Task References_inside_the_document_work()
    {
        var type = await TypeAsync("""
            {"$defs":{"amount":{"type":"integer","minimum":0},"node":{"type":"object","properties":{"child":{"$ref":"#/$defs/node"},"amount":{"$ref":"#/$defs/amount"}}}},
             "$ref":"#/$defs/node"}
            """);

        var good = await Master().PostAsJsonAsync("/api/v1/event", Scenario.Event(_tenant.ApplicationId, type, payload: """{"child":{"child":{"amount":3}}}"""));
        var bad = await AssertProblemAsync(await Master().PostAsJsonAsync("/api/v1/event",
            Scenario.Event(_tenant.ApplicationId, type, payload: """{"child":{"child":{"amount":-3}}}""")), 422, "Validation");

        Assert.That(good.StatusCode, Is.EqualTo(HttpStatusCode.Created), await good.Content.ReadAsStringAsync());
        Assert.That(bad["validation"]!["payload"]![0]!["message"]!.GetValue<string>(), Does.StartWith("/child/child/amount: "));
    }

    [TestCase("""{"$schema":"http://json-schema.org/draft-06/schema#","properties":{"n":{"type":"integer"}},"patternProperties":{"^x":{"type":"string"}}}""",
        """{"n":1,"xa":"s"}""", """{"n":1,"xa":1}""")]
    [TestCase("""{"$schema":"http://json-schema.org/draft-07/schema#","definitions":{"n":{"type":"integer"}},"properties":{"a":{"$ref":"#/definitions/n"}},"dependencies":{"a":["b"]}}""",
        """{"a":1,"b":2}""", """{"a":1}""")]
    [TestCase("""{"$schema":"https://json-schema.org/draft/2019-09/schema","$recursiveAnchor":true,"type":"object","properties":{"child":{"$recursiveRef":"#"},"n":{"type":"integer"}}}""",
        """{"child":{"n":1}}""", """{"child":{"n":"x"}}""")]
    [TestCase("""{"$schema":"https://json-schema.org/draft/2020-12/schema","$dynamicAnchor":"node","type":"object","properties":{"child":{"$dynamicRef":"#node"},"n":{"type":"integer"}}}""",
        """{"child":{"n":1}}""", """{"child":{"n":"x"}}""")]
    [TestCase("""{"type":"object","properties":{"a":{"type":"string"}},"unevaluatedProperties":false,"if":{"required":["a"]},"then":{"properties":{"b":true}}}""",
        """{"a":"x","b":1}""", """{"a":"x","c":1}""")]
    public async Task Each_draft_a_schema_may_name_keeps_its_meaning(string schema, string conforming, string violating)
    {
        var type = await TypeAsync(schema);

        var accepted = await Master().PostAsJsonAsync("/api/v1/event", Scenario.Event(_tenant.ApplicationId, type, payload: conforming));
        var refused = await AssertProblemAsync(await Master().PostAsJsonAsync("/api/v1/event", Scenario.Event(_tenant.ApplicationId, type, payload: violating)), 422, "Validation");

        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.Created), await accepted.Content.ReadAsStringAsync());
        Assert.That(refused["validation"]!["payload"]![0]!["code"]!.GetValue<string>(), Is.EqualTo("payload-schema"));
    }

    [TestCase("""{"$ref":"https://example.com/schema.json"}""", "payload-schema-unusable")]
    [TestCase("""{"$ref":"#/$defs/missing"}""", "payload-schema-unusable")]
    [TestCase("""{"type":"object","properties":{"a":{"pattern":"(unclosed"}}}""", "payload-schema-unusable")]
    [TestCase("""{"anyOf":[{"$ref":"#"}]}""", "payload-schema-limit")]
    public async Task A_stored_schema_the_rules_refuse_answers_422_at_ingest_never_500(string stored, string code)
    {
        // Written straight into the table, as an older version (or an operator) could have stored it.
        await Database.ExecuteAsync($"UPDATE event.event_type SET payload_schema = '{stored}'::jsonb WHERE application_id = '{_tenant.ApplicationId}'");

        var problem = await AssertProblemAsync(await Master().PostAsJsonAsync("/api/v1/event",
            Scenario.Event(_tenant.ApplicationId, _tenant.EventType, payload: """{"a":"x"}""")), 422, "Validation");

        Assert.That(problem["validation"]!["payload"]![0]!["code"]!.GetValue<string>(), Is.EqualTo(code));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM event.event"), Is.Zero);
    }

    [Test]
    public async Task A_large_enum_is_checked_per_item_without_copying_it_into_each_failure()
    {
        // 9,000 values (63 KB): the library wrote the whole list into every failing item's message
        // (2,000 items: about 250 MB allocated and a detail of megabytes) between two budget checks.
        var type = await TypeAsync("{\"type\":\"array\",\"items\":{\"enum\":[" + string.Join(',', Enumerable.Range(100_000, 9_000)) + "]}}");
        var payload = "[" + string.Join(',', Enumerable.Repeat("1", 2_000)) + "]";

        var problem = await AssertProblemAsync(await Master().PostAsJsonAsync("/api/v1/event",
            Scenario.Event(_tenant.ApplicationId, type, payload: payload)), 422, "Validation");

        Assert.That(problem["validation"]!["payload"]![0]!["code"]!.GetValue<string>(), Is.AnyOf("payload-schema", "payload-schema-limit"));
        Assert.That(problem["detail"]!.GetValue<string>(), Has.Length.LessThan(10_000));
    }

    [Test]
    public async Task A_long_required_list_is_not_copied_into_each_failure()
    {
        var names = string.Join(',', Enumerable.Range(0, 3_000).Select(i => $"\"p{i}\""));
        var type = await TypeAsync("{\"type\":\"array\",\"items\":{\"required\":[" + names + "],\"dependentRequired\":{\"a\":[" + names + "]}}}");
        var payload = "[" + string.Join(',', Enumerable.Repeat("{\"a\":1}", 2_000)) + "]";

        var problem = await AssertProblemAsync(await Master().PostAsJsonAsync("/api/v1/event",
            Scenario.Event(_tenant.ApplicationId, type, payload: payload)), 422, "Validation");

        Assert.That(problem["detail"]!.GetValue<string>(), Has.Length.LessThan(10_000));
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("(3000 in all)").Or.Contain("PAYLOAD_SCHEMA_TIME_LIMIT_MS"));
    }

    [Test]
    public async Task Unique_items_keeps_its_meaning()
    {
        var type = await TypeAsync("""{"type":"array","uniqueItems":true}""");

        var accepted = await Master().PostAsJsonAsync("/api/v1/event", Scenario.Event(_tenant.ApplicationId, type, payload: """[1,1.5,{"a":[1]},{"a":[2]}]"""));
        var refused = await AssertProblemAsync(await Master().PostAsJsonAsync("/api/v1/event",
            Scenario.Event(_tenant.ApplicationId, type, payload: """[1,{"a":[1]},1.0,{"a":[1]}]""")), 422, "Validation");

        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.Created), await accepted.Content.ReadAsStringAsync());
        Assert.That(refused["validation"]!["payload"]![0]!["message"]!.GetValue<string>(), Does.Contain("(0, 2)").And.Contain("(1, 3)"));
    }

    [Test]
    public async Task A_payload_as_deep_as_ingestion_accepts_is_schema_checked_not_a_500()
    {
        var type = await TypeAsync("""{"type":"array"}""");
        var deep = new string('[', 200) + new string(']', 200);

        var response = await Master().PostAsJsonAsync("/api/v1/event", Scenario.Event(_tenant.ApplicationId, type, payload: deep));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task A_schema_of_64_KiB_is_accepted_and_one_byte_more_is_refused()
    {
        const string Prefix = """{"description":" """;
        var padding = 64 * 1024 - Prefix.Trim().Length - 2;
        var atLimit = Prefix.Trim() + new string('x', padding) + "\"}";
        var pastLimit = Prefix.Trim() + new string('x', padding + 1) + "\"}";

        var accepted = await Master().PostAsync("/api/v1/event_types", TypeBody("fits", atLimit));
        var refused = await AssertProblemAsync(await Master().PostAsync("/api/v1/event_types", TypeBody("big", pastLimit)), 422, "Validation");

        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.Created), await accepted.Content.ReadAsStringAsync());
        Assert.That(refused["validation"]!["schema"]![0]!["message"]!.GetValue<string>(), Does.Contain("65536 bytes"));
    }

    [Test]
    public async Task A_schema_with_100_patterns_is_accepted_and_101_is_refused()
    {
        static string Patterns(int count) => "{\"properties\":{"
            + string.Join(',', Enumerable.Range(0, count).Select(i => $"\"p{i}\":{{\"pattern\":\"^a{{{i}}}$\"}}")) + "}}";

        var accepted = await Master().PostAsync("/api/v1/event_types", TypeBody("fits", Patterns(100)));
        var refused = await AssertProblemAsync(await Master().PostAsync("/api/v1/event_types", TypeBody("many", Patterns(101))), 422, "Validation");

        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.Created), await accepted.Content.ReadAsStringAsync());
        Assert.That(refused["validation"]!["schema"]![0]!["message"]!.GetValue<string>(), Does.Contain("at most 100"));
    }

    private async Task<string> TypeAsync(string schema)
    {
        var response = await Master().PostAsync("/api/v1/event_types", TypeBody("checked", schema));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return "schemas.payload.checked";
    }

    private StringContent TypeBody(string verb, string schema)
        => RawJson($$"""{"application_id":"{{_tenant.ApplicationId}}","service":"schemas","resource_type":"payload","verb":"{{verb}}","schema":{{schema}}}""");

    private async Task<PayloadValidation> ValidateAsync(string type, string payload)
    {
        await using var scope = ApiFixture.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(
            new ValidateEventPayloadQuery(Caller.MasterKey, _tenant.ApplicationId, type, PayloadContentTypes.Json, payload));
    }
}
