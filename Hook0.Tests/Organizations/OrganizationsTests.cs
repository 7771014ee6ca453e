using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.Organizations;

public sealed class OrganizationsTests : ApiTest
{
    private const int Unlimited = int.MaxValue;

    [Test]
    public async Task Create_answers_200_with_the_full_organization()
    {
        var body = await PostJsonAsync(Master(), "/api/v1/organizations", new { name = "Acme Corp" }, 200);
        var id = body["organization_id"]!.GetValue<Guid>();

        Assert.That(body.ToJsonString(), Is.EqualTo(JsonNode.Parse($$$"""
            {"organization_id":"{{{id}}}","name":"Acme Corp","plan":null,"users":[],
             "quotas":{"members_per_organization_limit":{{{Unlimited}}},"applications_per_organization_limit":{{{Unlimited}}},
                       "events_per_day_limit":{{{Unlimited}}},"days_of_events_retention_limit":{{{Unlimited}}}},
             "consumption":{"members":0,"applications":0,"events_per_day":0},
             "onboarding_steps":{"application":"ToDo","event_type":"ToDo","subscription":"ToDo","event":"ToDo"}}
            """)!.ToJsonString()));
    }

    [TestCase("x")]
    [TestCase("")]
    [TestCase("this organization name is far too long to be accepted!")]
    public async Task Create_refuses_a_name_outside_2_to_50_characters(string name)
    {
        var problem = await AssertProblemAsync(await Master().PostAsJsonAsync("/api/v1/organizations", new { name }), 422, "Validation");

        Assert.That(problem["validation"]!["name"]![0]!["code"]!.GetValue<string>(), Is.EqualTo("length"));
        Assert.That(problem["validation"]!["name"]![0]!["params"]!["max"]!.GetValue<int>(), Is.EqualTo(50));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM iam.organization"), Is.Zero);
    }

    [TestCase("{\"name\":", TestName = "Create refuses malformed JSON")]
    [TestCase("{}", TestName = "Create refuses a body without name")]
    [TestCase("{\"name\":null}", TestName = "Create refuses a null name")]
    [TestCase("{\"name\":42}", TestName = "Create refuses a name of the wrong type")]
    [TestCase("[]", TestName = "Create refuses a JSON array")]
    public async Task Create_refuses_bodies_of_the_wrong_shape(string json)
    {
        await AssertProblemAsync(await Master().PostAsync("/api/v1/organizations", RawJson(json)), 400, "JsonPayload");
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM iam.organization"), Is.Zero);
    }

    [Test]
    public async Task Create_refuses_a_body_that_is_not_json()
        => await AssertProblemAsync(await Master().PostAsync("/api/v1/organizations", RawJson("name=Acme", "application/x-www-form-urlencoded")), 400, "JsonPayload");

    [Test]
    public async Task Create_refuses_an_oversized_body()
    {
        var huge = "{\"name\":\"" + new string('a', 3 * 1024 * 1024) + "\"}";
        await AssertProblemAsync(await Master().PostAsync("/api/v1/organizations", RawJson(huge)), 400, "JsonPayload");
    }

    [Test]
    public async Task Master_lists_every_organization_with_the_master_role()
    {
        var scenario = new Scenario(Master());
        var a = await scenario.OrganizationAsync("Alpha");
        var b = await scenario.OrganizationAsync("Beta");

        var list = (await JsonAsync(await Master().GetAsync("/api/v1/organizations"))).AsArray();

        Assert.That(list.Select(o => (o!["organization_id"]!.GetValue<Guid>(), o["name"]!.GetValue<string>(), o["role"]!.GetValue<string>())),
            Is.EqualTo(new[] { (a, "Alpha", "master"), (b, "Beta", "master") }));
        Assert.That(list.All(o => o!["plan"] is null), Is.True);
    }

    [Test]
    public async Task Get_reports_consumption_and_onboarding_progress()
    {
        var scenario = new Scenario(Master());
        var tenant = await scenario.TenantAsync();
        await scenario.SubscriptionAsync(tenant.ApplicationId, [tenant.EventType]);

        var body = await JsonAsync(await Master().GetAsync($"/api/v1/organizations/{tenant.OrganizationId}"));

        Assert.Multiple(() =>
        {
            Assert.That(body["consumption"]!["applications"]!.GetValue<long>(), Is.EqualTo(1));
            Assert.That(body["onboarding_steps"]!.ToJsonString(), Is.EqualTo("""{"application":"Done","event_type":"Done","subscription":"Done","event":"ToDo"}"""));
        });
    }

    [Test]
    public async Task Get_of_an_unknown_organization_is_not_found()
        => await AssertProblemAsync(await Master().GetAsync($"/api/v1/organizations/{Guid.NewGuid()}"), 404, "NotFound");

    [Test]
    public async Task Get_with_a_malformed_id_is_not_found()
        => await AssertProblemAsync(await Master().GetAsync("/api/v1/organizations/not-a-uuid"), 404, "NotFound");

    [Test]
    public async Task Rename_answers_the_renamed_organization()
    {
        var id = await new Scenario(Master()).OrganizationAsync();

        var response = await Master().PutAsJsonAsync($"/api/v1/organizations/{id}", new { name = "Renamed" });
        var body = await JsonAsync(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body["name"]!.GetValue<string>(), Is.EqualTo("Renamed"));
        Assert.That(await Database.ScalarAsync<string>($"SELECT name FROM iam.organization WHERE organization_id = '{id}'"), Is.EqualTo("Renamed"));
    }

    [Test]
    public async Task Rename_of_an_unknown_organization_is_not_found()
        => await AssertProblemAsync(await Master().PutAsJsonAsync($"/api/v1/organizations/{Guid.NewGuid()}", new { name = "Renamed" }), 404, "NotFound");

    [Test]
    public async Task Delete_is_refused_while_an_application_is_alive_then_removes_everything()
    {
        var scenario = new Scenario(Master());
        var tenant = await scenario.TenantAsync();
        await scenario.SubscriptionAsync(tenant.ApplicationId, [tenant.EventType]);

        await AssertProblemAsync(await Master().DeleteAsync($"/api/v1/organizations/{tenant.OrganizationId}"), 409, "OrganizationIsNotEmpty");
        Assert.That((await Master().DeleteAsync($"/api/v1/applications/{tenant.ApplicationId}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        var deleted = await Master().DeleteAsync($"/api/v1/organizations/{tenant.OrganizationId}");

        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await AssertProblemAsync(await Master().GetAsync($"/api/v1/organizations/{tenant.OrganizationId}"), 404, "NotFound");
        Assert.Multiple(async () =>
        {
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM iam.application"), Is.Zero);
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM iam.application_secret"), Is.Zero);
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM event.event_type"), Is.Zero);
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM webhook.subscription"), Is.Zero);
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM webhook.subscription__event_type"), Is.Zero);
        });
    }

    [Test]
    public async Task Delete_of_an_unknown_organization_is_not_found()
        => await AssertProblemAsync(await Master().DeleteAsync($"/api/v1/organizations/{Guid.NewGuid()}"), 404, "NotFound");

    [Test]
    public async Task An_application_secret_cannot_list_create_or_touch_organizations()
    {
        var tenant = await new Scenario(Master()).TenantAsync();
        var secret = As(tenant.Secret);

        await AssertProblemAsync(await secret.GetAsync("/api/v1/organizations"), 403, "Forbidden");
        await AssertProblemAsync(await secret.PostAsJsonAsync("/api/v1/organizations", new { name = "Mine" }), 403, "Forbidden");
        await AssertProblemAsync(await secret.GetAsync($"/api/v1/organizations/{tenant.OrganizationId}"), 403, "Forbidden");
        await AssertProblemAsync(await secret.PutAsJsonAsync($"/api/v1/organizations/{tenant.OrganizationId}", new { name = "Mine" }), 403, "Forbidden");
        await AssertProblemAsync(await secret.DeleteAsync($"/api/v1/organizations/{tenant.OrganizationId}"), 403, "Forbidden");
        Assert.That(await Database.ScalarAsync<string>("SELECT name FROM iam.organization"), Is.EqualTo("Acme"));
    }
}
