using System.Net.Http.Headers;
using Hook0.Modules.Kernel.Housekeeping;
using Hook0.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hook0.Tests.Kernel;

/// <summary>Retention purge, report-only runs, and the removal of long soft-deleted applications.</summary>
public sealed class HousekeepingTests : ApiTest
{
    private static async Task<(IReadOnlyDictionary<string, long> Results, Tenant Tenant)> RunWithOldDataAsync(Dictionary<string, string?> settings)
    {
        settings["NO_AUTO_DB_MIGRATION"] = "true";
        settings["HOUSEKEEPING_ENABLED"] = "false"; // driven by hand below
        await using var factory = new Hook0Factory(ApiFixture.Database, settings);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Hook0Factory.MasterKey);
        var scenario = new Scenario(client);
        var tenant = await scenario.TenantAsync();
        await scenario.SubscriptionAsync(tenant.ApplicationId, [tenant.EventType]);
        var old = await scenario.IngestAsync(tenant.ApplicationId, tenant.EventType);
        await scenario.IngestAsync(tenant.ApplicationId, tenant.EventType);
        await Database.ExecuteAsync($"UPDATE event.event SET received_at = now() - interval '3 days' WHERE event_id = '{old}'");
        await Database.ExecuteAsync($"UPDATE webhook.request_attempt SET created_at = now() - interval '3 days' WHERE event_id = '{old}'");
        var results = await factory.Services.GetRequiredService<HousekeepingRunner>().RunDueJobsAsync(true, CancellationToken.None);
        return (results, tenant);
    }

    private static Dictionary<string, string?> Retention(bool delete) => new()
    {
        ["ENABLE_QUOTA_ENFORCEMENT"] = "true",
        ["QUOTA_GLOBAL_DAYS_OF_EVENTS_RETENTION_LIMIT"] = "1",
        ["OLD_EVENTS_CLEANUP_GRACE_PERIOD_IN_DAY"] = "0",
        ["OLD_EVENTS_CLEANUP_REPORT_AND_DELETE"] = delete ? "true" : "false",
    };

    [Test]
    public async Task Events_and_attempts_past_retention_are_purged()
    {
        var (results, _) = await RunWithOldDataAsync(Retention(delete: true));

        Assert.That(results["old events"], Is.EqualTo(1));
        Assert.That(results["old attempts"], Is.EqualTo(1));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM event.event"), Is.EqualTo(1));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM webhook.request_attempt"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_report_only_run_counts_and_deletes_nothing()
    {
        var (results, _) = await RunWithOldDataAsync(Retention(delete: false));

        Assert.That(results["old events"], Is.EqualTo(1));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM event.event"), Is.EqualTo(2));
    }

    [Test]
    public async Task Without_quota_enforcement_retention_is_unlimited_as_upstream()
    {
        var settings = Retention(delete: true);
        settings["ENABLE_QUOTA_ENFORCEMENT"] = "false";

        var (results, _) = await RunWithOldDataAsync(settings);

        Assert.That(results["old events"], Is.Zero);
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM event.event"), Is.EqualTo(2));
    }

    [Test]
    public async Task Long_soft_deleted_applications_are_removed_with_everything_they_had()
    {
        var settings = new Dictionary<string, string?> { ["ENABLE_SOFT_DELETED_APPLICATIONS_CLEANUP"] = "true", ["SOFT_DELETED_APPLICATIONS_CLEANUP_GRACE_PERIOD_IN_DAY"] = "1" };
        var (_, tenant) = await RunWithOldDataAsync(settings);
        await Master().DeleteAsync($"/api/v1/applications/{tenant.ApplicationId}");
        await Database.ExecuteAsync("UPDATE iam.application SET deleted_at = now() - interval '2 days' WHERE NOT is_system");

        settings["NO_AUTO_DB_MIGRATION"] = "true";
        await using var factory = new Hook0Factory(ApiFixture.Database, settings);
        var results = await factory.Services.GetRequiredService<HousekeepingRunner>().RunDueJobsAsync(true, CancellationToken.None);

        Assert.That(results["soft-deleted applications"], Is.EqualTo(1));
        Assert.Multiple(async () =>
        {
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM iam.application WHERE NOT is_system"), Is.Zero);
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM iam.application_secret"), Is.Zero);
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM event.event"), Is.Zero);
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM webhook.subscription"), Is.Zero);
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM webhook.request_attempt"), Is.Zero);
        });
    }
}
