using Hook0.Modules.Delivery.OperationalEvents;
using Hook0.Modules.Organizations.Data;
using Hook0.Tests.Organizations.Access;
using Hook0.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace Hook0.Tests.Delivery;

/// <summary>
/// The system application comes with the organization, and reading where to subscribe writes nothing
/// (item 8 of issue #19; ADR 0015 supersedes ADR 0008's "made on first ask").
/// </summary>
public sealed class OperationalWebhooksReadOnlyTests : ApiTest
{
    private const string Counts = """
        SELECT (SELECT count(*) FROM iam.application) || '/' || (SELECT count(*) FROM event.event_type) || '/' ||
               (SELECT count(*) FROM webhook.subscription) || '/' || (SELECT count(*) FROM event.event)
        """;

    [Test]
    public async Task The_system_application_and_its_event_types_exist_right_after_an_organization_is_created()
    {
        var created = await PostJsonAsync(Master(), "/api/v1/organizations", new { name = "Fresh" }, 200);
        var organizationId = created["organization_id"]!.GetValue<Guid>();
        var (_, personal) = await new UserAccounts(ApiFixture.Factory).UserAsync("new@example.com");

        foreach (var organization in new[] { organizationId, personal })
        {
            var system = await Database.ScalarAsync<Guid>($"SELECT application_id FROM iam.application WHERE is_system AND organization_id = '{organization}'");
            Assert.That(system, Is.Not.EqualTo(Guid.Empty), "created with the organization (by the API or by registration)");
            Assert.That(await Database.ScalarAsync<long>($"SELECT count(*) FROM event.event_type WHERE application_id = '{system}'"),
                Is.EqualTo(OperationalEventTypes.All.Count));
        }
    }

    [Test]
    public async Task A_viewer_reading_the_operational_webhooks_writes_nothing()
    {
        var world = await AccessWorld.CreateAsync(Master());
        var before = await Database.ScalarAsync<string>(Counts);

        var found = await JsonAsync(await As(world.Bearers[Credential.Viewer]).GetAsync($"/api/v1/organizations/{world.OrganizationId}/operational_webhooks"));

        Assert.Multiple(async () =>
        {
            Assert.That(await Database.ScalarAsync<string>(Counts), Is.EqualTo(before), "application, event type, subscription and event rows unchanged");
            Assert.That(found["application_id"]!.GetValue<Guid>(),
                Is.EqualTo(await Database.ScalarAsync<Guid>($"SELECT application_id FROM iam.application WHERE is_system AND organization_id = '{world.OrganizationId}'")));
            Assert.That(found["event_types"]!.AsArray().Select(t => t!.GetValue<string>()), Is.EqualTo(OperationalEventTypes.All));
        });
    }

    [Test]
    public async Task Organizations_created_before_get_their_system_application_and_event_types_on_upgrade()
    {
        var created = await PostJsonAsync(Master(), "/api/v1/organizations", new { name = "Older" }, 200);
        var organizationId = created["organization_id"]!.GetValue<Guid>();
        // As a version before ADR 0015 left it: no system application until someone asked.
        await Database.ExecuteAsync("DELETE FROM event.event_type WHERE application_id IN (SELECT application_id FROM iam.application WHERE is_system)");
        await Database.ExecuteAsync("DELETE FROM iam.application WHERE is_system");

        // The migration runs again (its Down keeps the rows: reverting it only forgets it was applied), then a start.
        using (var scope = ApiFixture.Factory.Services.CreateScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<OrganizationsDbContext>();
            var migrations = context.Database.GetMigrations().ToList();
            var index = migrations.FindIndex(m => m.EndsWith("_SystemApplicationPerOrganization", StringComparison.Ordinal));
            var migrator = context.GetService<IMigrator>();
            await migrator.MigrateAsync(migrations[index - 1]);
            await migrator.MigrateAsync();
        }

        await using (var restarted = new Hook0Factory(Database))
        {
            _ = restarted.Server;
        }

        var system = await Database.ScalarAsync<Guid>($"SELECT application_id FROM iam.application WHERE is_system AND organization_id = '{organizationId}'");
        Assert.That(system, Is.Not.EqualTo(Guid.Empty));
        Assert.That(await Database.ScalarAsync<long>($"SELECT count(*) FROM event.event_type WHERE application_id = '{system}'"), Is.EqualTo(OperationalEventTypes.All.Count));
    }
}
