using System.Net;
using System.Net.Http.Json;
using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.Organizations.Applications;

public sealed class ApplicationSecretsTests : ApiTest
{
    [Test]
    public async Task Create_rename_and_delete_a_secret()
    {
        var tenant = await new Scenario(Master()).TenantAsync();

        var created = await PostJsonAsync(Master(), "/api/v1/application_secrets", new { application_id = tenant.ApplicationId, name = "CI" }, 201);
        var token = created["token"]!.GetValue<Guid>();
        Assert.Multiple(() =>
        {
            Assert.That(created["name"]!.GetValue<string>(), Is.EqualTo("CI"));
            Assert.That(created["created_at"]!.GetValue<DateTime>(), Is.EqualTo(DateTime.UtcNow).Within(TimeSpan.FromMinutes(1)));
            Assert.That(created["deleted_at"], Is.Null);
        });

        var renamed = await Master().PutAsJsonAsync($"/api/v1/application_secrets/{token}", new { application_id = tenant.ApplicationId, name = "Deploys" });
        Assert.That((await JsonAsync(renamed))["name"]!.GetValue<string>(), Is.EqualTo("Deploys"));

        var list = (await JsonAsync(await Master().GetAsync($"/api/v1/application_secrets?application_id={tenant.ApplicationId}"))).AsArray();
        Assert.That(list.Select(s => s!["name"]!.GetValue<string>()), Is.EqualTo(new[] { "Default", "Deploys" }), "oldest first");
        Assert.That(list[1]!["created_at"]!.GetValue<DateTime>(), Is.EqualTo(created["created_at"]!.GetValue<DateTime>()), "creation answer equals later reads");

        var deleted = await Master().DeleteAsync($"/api/v1/application_secrets/{token}?application_id={tenant.ApplicationId}");
        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await AssertProblemAsync(await As(token.ToString()).GetAsync($"/api/v1/event_types?application_id={tenant.ApplicationId}"), 403, "AuthInvalidBiscuit");
        Assert.That((await JsonAsync(await Master().GetAsync($"/api/v1/application_secrets?application_id={tenant.ApplicationId}"))).AsArray(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_secret_works_for_its_application()
    {
        var tenant = await new Scenario(Master()).TenantAsync();

        var response = await As(tenant.Secret).GetAsync($"/api/v1/event_types?application_id={tenant.ApplicationId}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await JsonAsync(response)).AsArray(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_name_longer_than_50_characters_is_refused()
    {
        var tenant = await new Scenario(Master()).TenantAsync();

        var problem = await AssertProblemAsync(
            await Master().PostAsJsonAsync("/api/v1/application_secrets", new { application_id = tenant.ApplicationId, name = new string('n', 51) }), 422, "Validation");

        Assert.That(problem["validation"]!["name"], Is.Not.Null);
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM iam.application_secret"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_secret_of_another_application_is_not_found_through_this_one()
    {
        var scenario = new Scenario(Master());
        var mine = await scenario.TenantAsync();
        var other = await scenario.ApplicationAsync(mine.OrganizationId, "Other");
        var otherSecret = await scenario.SecretAsync(other);

        await AssertProblemAsync(await Master().PutAsJsonAsync($"/api/v1/application_secrets/{otherSecret}", new { application_id = mine.ApplicationId, name = "x" }), 404, "NotFound");
        await AssertProblemAsync(await Master().DeleteAsync($"/api/v1/application_secrets/{otherSecret}?application_id={mine.ApplicationId}"), 404, "NotFound");
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM iam.application_secret WHERE deleted_at IS NULL AND name = 'Default'"), Is.EqualTo(2));
    }
}
