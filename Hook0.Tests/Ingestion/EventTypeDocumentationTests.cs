using System.Net;
using System.Text.Json.Nodes;
using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.Ingestion;

/// <summary>
/// Event types carry a description, an example payload and a deprecated flag (our additions, ADR 0021):
/// set through the upstream upsert, kept when an upstream client omits them, shown by get and list.
/// </summary>
public sealed class EventTypeDocumentationTests : ApiTest
{
    private const string Schema = """{"type":"object","required":["amount"],"properties":{"amount":{"type":"integer","minimum":0}}}""";

    private Tenant _tenant = null!;

    [SetUp]
    public async Task CreateTenantAsync() => _tenant = await new Scenario(Master()).TenantAsync();

    private string Body(string extra)
        => $$$"""{"application_id":"{{{_tenant.ApplicationId}}}","service":"shipping","resource_type":"parcel","verb":"sent"{{{extra}}}}""";

    private async Task<JsonNode> SaveAsync(string extra)
    {
        var response = await Master().PostAsync("/api/v1/event_types", RawJson(Body(extra)));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return (await JsonAsync(response))!;
    }

    private async Task<JsonNode> GetAsync()
        => (await JsonAsync(await Master().GetAsync($"/api/v1/event_types/shipping.parcel.sent?application_id={_tenant.ApplicationId}")))!;

    [Test]
    public async Task The_fields_are_saved_and_shown_by_get_and_list()
    {
        var saved = await SaveAsync($$$""","schema":{{{Schema}}},"description":"An invoice was paid.","example":{"amount":12},"deprecated":true""");
        var listed = (await JsonAsync(await Master().GetAsync($"/api/v1/event_types?application_id={_tenant.ApplicationId}")))!.AsArray()
            .Single(t => t!["event_type_name"]!.GetValue<string>() == "shipping.parcel.sent")!;

        foreach (var shown in new[] { saved, await GetAsync(), listed })
        {
            Assert.Multiple(() =>
            {
                Assert.That(shown["description"]!.GetValue<string>(), Is.EqualTo("An invoice was paid."));
                Assert.That(shown["example"]!.ToJsonString(), Is.EqualTo("""{"amount":12}"""));
                Assert.That(shown["deprecated"]!.GetValue<bool>(), Is.True);
            });
        }
    }

    [Test]
    public async Task A_new_type_is_not_deprecated_and_shows_no_description_or_example()
    {
        var saved = await SaveAsync("");

        Assert.Multiple(() =>
        {
            Assert.That(saved.AsObject().ContainsKey("deprecated"), Is.False, "written only when true: upstream's body otherwise");
            Assert.That(saved.AsObject().ContainsKey("description"), Is.False);
            Assert.That(saved.AsObject().ContainsKey("example"), Is.False);
        });
    }

    [Test]
    public async Task An_upstream_client_that_omits_the_fields_keeps_them()
    {
        await SaveAsync(""","description":"Kept.","example":{"amount":1},"deprecated":true""");

        await SaveAsync("");
        var shown = await GetAsync();

        Assert.Multiple(() =>
        {
            Assert.That(shown["description"]!.GetValue<string>(), Is.EqualTo("Kept."));
            Assert.That(shown["example"]!.ToJsonString(), Is.EqualTo("""{"amount":1}"""));
            Assert.That(shown["deprecated"]!.GetValue<bool>(), Is.True);
        });
    }

    [Test]
    public async Task Empty_description_null_example_and_false_remove_them()
    {
        await SaveAsync(""","description":"Gone soon.","example":{"amount":1},"deprecated":true""");

        var cleared = await SaveAsync(""","description":"","example":null,"deprecated":false""");

        Assert.Multiple(() =>
        {
            Assert.That(cleared.AsObject().ContainsKey("description"), Is.False);
            Assert.That(cleared.AsObject().ContainsKey("example"), Is.False);
            Assert.That(cleared.AsObject().ContainsKey("deprecated"), Is.False);
        });
    }

    [Test]
    public async Task An_example_that_violates_the_schema_is_refused_and_nothing_changes()
    {
        await SaveAsync(""","description":"Before.","schema":""" + Schema);

        var problem = await AssertProblemAsync(await Master().PostAsync("/api/v1/event_types",
            RawJson(Body(""","description":"After.","example":{"amount":-1}"""))), 422, "Validation");

        var failure = problem["validation"]!["example"]![0]!;
        Assert.That(failure["code"]!.GetValue<string>(), Is.EqualTo("payload-schema"));
        Assert.That(failure["message"]!.GetValue<string>(), Does.Contain("/amount"));
        Assert.That((await GetAsync())["description"]!.GetValue<string>(), Is.EqualTo("Before."));
    }

    [Test]
    public async Task A_new_schema_that_outlaws_the_stored_example_is_refused()
    {
        await SaveAsync(""","example":{"amount":"twelve"}""");

        var problem = await AssertProblemAsync(await Master().PostAsync("/api/v1/event_types", RawJson(Body($$$""","schema":{{{Schema}}}"""))), 422, "Validation");

        Assert.That(problem["validation"]!["example"], Is.Not.Null);
        Assert.That((await GetAsync()).AsObject().ContainsKey("schema"), Is.False);
    }

    [Test]
    public async Task Oversized_description_and_example_are_refused_with_their_fields()
    {
        var description = new string('d', 1001);
        var example = "\"" + new string('x', 64 * 1024) + "\"";

        var problem = await AssertProblemAsync(await Master().PostAsync("/api/v1/event_types",
            RawJson(Body($$$""","description":"{{{description}}}","example":{{{example}}}"""))), 422, "Validation");

        Assert.Multiple(() =>
        {
            Assert.That(problem["validation"]!["description"]![0]!["code"]!.GetValue<string>(), Is.EqualTo("length"));
            Assert.That(problem["validation"]!["example"]![0]!["code"]!.GetValue<string>(), Is.EqualTo("length"));
        });
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM event.event_type WHERE event_type_name = 'shipping.parcel.sent'"), Is.Zero);
    }
}
