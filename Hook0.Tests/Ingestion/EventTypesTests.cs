using System.Net;
using System.Net.Http.Json;
using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.Ingestion;

public sealed class EventTypesTests : ApiTest
{
    [Test]
    public async Task Create_answers_201_with_the_event_type()
    {
        var scenario = new Scenario(Master());
        var app = await scenario.ApplicationAsync(await scenario.OrganizationAsync());

        var body = await PostJsonAsync(Master(), "/api/v1/event_types", new { application_id = app, service = "billing", resource_type = "invoice", verb = "created" }, 201);

        Assert.That(body.ToJsonString(), Is.EqualTo("""{"service_name":"billing","resource_type_name":"invoice","verb_name":"created","event_type_name":"billing.invoice.created"}"""));
    }

    [Test]
    public async Task Create_is_an_upsert_that_reactivates_a_deactivated_type()
    {
        var tenant = await new Scenario(Master()).TenantAsync();
        var deactivated = await Master().DeleteAsync($"/api/v1/event_types/{tenant.EventType}?application_id={tenant.ApplicationId}");
        Assert.That(deactivated.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await JsonAsync(await Master().GetAsync($"/api/v1/event_types?application_id={tenant.ApplicationId}"))).AsArray(), Is.Empty);
        await AssertProblemAsync(await Master().GetAsync($"/api/v1/event_types/{tenant.EventType}?application_id={tenant.ApplicationId}"), 404, "NotFound");

        await PostJsonAsync(Master(), "/api/v1/event_types", new { application_id = tenant.ApplicationId, service = "billing", resource_type = "invoice", verb = "paid" }, 201);

        var got = await JsonAsync(await Master().GetAsync($"/api/v1/event_types/{tenant.EventType}?application_id={tenant.ApplicationId}"));
        Assert.That(got["event_type_name"]!.GetValue<string>(), Is.EqualTo(tenant.EventType));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM event.event_type WHERE application_id NOT IN (SELECT application_id FROM iam.application WHERE is_system)"), Is.EqualTo(1));
    }

    [Test]
    public async Task Concurrent_creates_of_one_type_all_succeed_with_one_row()
    {
        var scenario = new Scenario(Master());
        var app = await scenario.ApplicationAsync(await scenario.OrganizationAsync());

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            Master().PostAsJsonAsync("/api/v1/event_types", new { application_id = app, service = "s", resource_type = "r", verb = "v" })));

        Assert.That(responses.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.Created));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM event.event_type WHERE application_id NOT IN (SELECT application_id FROM iam.application WHERE is_system)"), Is.EqualTo(1));
    }

    [Test]
    public async Task List_is_sorted_by_name()
    {
        var scenario = new Scenario(Master());
        var app = await scenario.ApplicationAsync(await scenario.OrganizationAsync());
        await scenario.EventTypeAsync(app, "zeta", "a", "b");
        await scenario.EventTypeAsync(app, "alpha", "a", "b");

        var list = (await JsonAsync(await Master().GetAsync($"/api/v1/event_types?application_id={app}"))).AsArray();

        Assert.That(list.Select(t => t!["event_type_name"]!.GetValue<string>()), Is.EqualTo(new[] { "alpha.a.b", "zeta.a.b" }));
    }

    [TestCase("", "invoice", "paid", "service", "length")]
    [TestCase("billing", "", "paid", "resource_type", "length")]
    [TestCase("billing", "invoice", "012345678901234567890123456789012345678901234567890", "verb", "length")]
    [TestCase("bil\nling", "invoice", "paid", "service", "non_control_character")]
    public async Task Create_validates_each_part(string service, string resource, string verb, string field, string code)
    {
        var scenario = new Scenario(Master());
        var app = await scenario.ApplicationAsync(await scenario.OrganizationAsync());

        var problem = await AssertProblemAsync(
            await Master().PostAsJsonAsync("/api/v1/event_types", new { application_id = app, service, resource_type = resource, verb }), 422, "Validation");

        Assert.That(problem["validation"]![field]![0]!["code"]!.GetValue<string>(), Is.EqualTo(code));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM event.event_type WHERE application_id NOT IN (SELECT application_id FROM iam.application WHERE is_system)"), Is.Zero);
    }

    [Test]
    public async Task Deactivating_an_unknown_type_is_not_found()
    {
        var tenant = await new Scenario(Master()).TenantAsync();
        await AssertProblemAsync(await Master().DeleteAsync($"/api/v1/event_types/no.such.type?application_id={tenant.ApplicationId}"), 404, "NotFound");
    }
}
