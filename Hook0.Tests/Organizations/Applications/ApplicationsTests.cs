using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.Organizations.Applications;

public sealed class ApplicationsTests : ApiTest
{
    [Test]
    public async Task Create_answers_201_and_creates_a_default_secret_with_it()
    {
        var organizationId = await new Scenario(Master()).OrganizationAsync();

        var body = await PostJsonAsync(Master(), "/api/v1/applications", new { organization_id = organizationId, name = "Billing" }, 201);
        var id = body["application_id"]!.GetValue<Guid>();
        var secrets = (await JsonAsync(await Master().GetAsync($"/api/v1/application_secrets?application_id={id}"))).AsArray();

        Assert.That(body.ToJsonString(), Is.EqualTo($$$"""{"application_id":"{{{id}}}","organization_id":"{{{organizationId}}}","name":"Billing","payload_search":false}"""));
        Assert.That(secrets, Has.Count.EqualTo(1));
        Assert.That(secrets[0]!["name"]!.GetValue<string>(), Is.EqualTo("Default"));
        Assert.That(secrets[0]!["deleted_at"], Is.Null);
    }

    [Test]
    public async Task Create_in_an_unknown_organization_changes_nothing()
    {
        var response = await Master().PostAsJsonAsync("/api/v1/applications", new { organization_id = Guid.NewGuid(), name = "Billing" });

        await AssertProblemAsync(response, 404, "NotFound");
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM iam.application WHERE NOT is_system"), Is.Zero);
    }

    [Test]
    public async Task Get_answers_the_application_with_quotas_consumption_and_onboarding()
    {
        var scenario = new Scenario(Master());
        var organizationId = await scenario.OrganizationAsync();
        var id = await scenario.ApplicationAsync(organizationId);

        var body = await JsonAsync(await Master().GetAsync($"/api/v1/applications/{id}"));

        Assert.That(body.ToJsonString(), Is.EqualTo(JsonNode.Parse($$$"""
            {"application_id":"{{{id}}}","organization_id":"{{{organizationId}}}","name":"Billing",
             "quotas":{"events_per_day_limit":2147483647,"days_of_events_retention_limit":2147483647},
             "consumption":{"events_per_day":0},
             "onboarding_steps":{"event_type":"ToDo","subscription":"ToDo","event":"ToDo"},"payload_search":false}
            """)!.ToJsonString()));
    }

    [Test]
    public async Task List_shows_live_applications_of_the_organization_only()
    {
        var scenario = new Scenario(Master());
        var org = await scenario.OrganizationAsync();
        var other = await scenario.OrganizationAsync("Other");
        var kept = await scenario.ApplicationAsync(org, "Kept");
        var removed = await scenario.ApplicationAsync(org, "Removed");
        await scenario.ApplicationAsync(other, "Elsewhere");
        await Master().DeleteAsync($"/api/v1/applications/{removed}");

        var list = (await JsonAsync(await Master().GetAsync($"/api/v1/applications?organization_id={org}"))).AsArray();

        Assert.That(list.Select(a => a!["application_id"]!.GetValue<Guid>()), Is.EqualTo(new[] { kept }));
    }

    [Test]
    public async Task List_without_organization_id_is_an_invalid_parameter()
    {
        var problem = await AssertProblemAsync(await Master().GetAsync("/api/v1/applications"), 400, "InvalidParameter");
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("organization_id"));
    }

    [Test]
    public async Task List_with_a_malformed_organization_id_is_an_invalid_parameter()
        => await AssertProblemAsync(await Master().GetAsync("/api/v1/applications?organization_id=abc"), 400, "InvalidParameter");

    [Test]
    public async Task Rename_answers_the_application_and_ignores_the_organization_field()
    {
        var scenario = new Scenario(Master());
        var org = await scenario.OrganizationAsync();
        var id = await scenario.ApplicationAsync(org);

        var response = await Master().PutAsJsonAsync($"/api/v1/applications/{id}", new { organization_id = Guid.NewGuid(), name = "Payments" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await JsonAsync(response)).ToJsonString(), Is.EqualTo($$$"""{"application_id":"{{{id}}}","organization_id":"{{{org}}}","name":"Payments","payload_search":false}"""));
    }

    [Test]
    public async Task Rename_validates_the_name()
    {
        var scenario = new Scenario(Master());
        var id = await scenario.ApplicationAsync(await scenario.OrganizationAsync());

        var problem = await AssertProblemAsync(await Master().PutAsJsonAsync($"/api/v1/applications/{id}", new { organization_id = Guid.NewGuid(), name = "P" }), 422, "Validation");

        Assert.That(problem["validation"]!["name"]![0]!["code"]!.GetValue<string>(), Is.EqualTo("length"));
        Assert.That(await Database.ScalarAsync<string>("SELECT name FROM iam.application WHERE NOT is_system"), Is.EqualTo("Billing"));
    }

    /// <summary>
    /// Names are counted in characters as PostgreSQL and upstream count them (Unicode scalar values):
    /// one emoji is one character (refused, never a 500 from the table's check), and fifty are fifty.
    /// Found by the 100,000-request fuzzer (issue #19).
    /// </summary>
    [Test]
    public async Task Names_are_counted_in_characters_not_utf16_units()
    {
        var organizationId = await new Scenario(Master()).OrganizationAsync();

        var one = await AssertProblemAsync(await Master().PostAsJsonAsync("/api/v1/applications", new { organization_id = organizationId, name = "\U0001F600" }), 422, "Validation");
        var renamed = await AssertProblemAsync(await Master().PutAsJsonAsync($"/api/v1/organizations/{organizationId}", new { name = "\U0001F600" }), 422, "Validation");
        var fifty = string.Concat(Enumerable.Repeat("\U0001F600", 50));
        var created = await PostJsonAsync(Master(), "/api/v1/applications", new { organization_id = organizationId, name = fifty }, 201);
        await AssertProblemAsync(await Master().PostAsJsonAsync("/api/v1/applications", new { organization_id = organizationId, name = fifty + "a" }), 422, "Validation");

        Assert.Multiple(() =>
        {
            Assert.That(one["validation"]!["name"]![0]!["code"]!.GetValue<string>(), Is.EqualTo("length"));
            Assert.That(renamed["validation"]!["name"]![0]!["code"]!.GetValue<string>(), Is.EqualTo("length"));
            Assert.That(created["name"]!.GetValue<string>(), Is.EqualTo(fifty));
        });
    }

    [Test]
    public async Task Delete_is_soft_and_the_application_and_its_secrets_stop_working()
    {
        var tenant = await new Scenario(Master()).TenantAsync();

        var deleted = await Master().DeleteAsync($"/api/v1/applications/{tenant.ApplicationId}");

        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM iam.application WHERE deleted_at IS NOT NULL"), Is.EqualTo(1));
        await AssertProblemAsync(await Master().GetAsync($"/api/v1/applications/{tenant.ApplicationId}"), 403, "Forbidden");
        await AssertProblemAsync(await As(tenant.Secret).GetAsync($"/api/v1/event_types?application_id={tenant.ApplicationId}"), 403, "AuthInvalidBiscuit");
        await AssertProblemAsync(await Master().DeleteAsync($"/api/v1/applications/{tenant.ApplicationId}"), 403, "Forbidden");
    }
}
