using System.Net.Http.Headers;
using Hook0.Modules.Delivery.Housekeeping;
using Hook0.Modules.Ingestion.Data;
using Hook0.Modules.Kernel.Housekeeping;
using Hook0.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hook0.Tests.Kernel;

/// <summary>
/// Retention purge (whole day partitions past the global horizon, bounded batches for shorter horizons), report-only
/// runs, and the removal of long soft-deleted applications.
/// </summary>
public sealed class HousekeepingTests : ApiTest
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

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
        await AgeEventAsync(old, days: 3);
        await InsertHistoryAsync(tenant.ApplicationId, old, daysAgo: 3);
        await InsertHistoryAsync(tenant.ApplicationId, Guid.NewGuid(), daysAgo: 0);
        var results = await factory.Services.GetRequiredService<HousekeepingRunner>().RunDueJobsAsync(true, CancellationToken.None);
        return (results, tenant);
    }

    private static async Task AgeEventAsync(Guid eventId, int days)
    {
        await Database.ExecuteAsync($"UPDATE event.event SET received_at = received_at - interval '{days} days' WHERE event_id = '{eventId}'");
        await Database.ExecuteAsync($"UPDATE event.event_key SET received_at = received_at - interval '{days} days' WHERE event_id = '{eventId}'");
    }

    /// <summary>A finished attempt in the history, created that many days ago; answers its id.</summary>
    private static async Task<Guid> InsertHistoryAsync(Guid applicationId, Guid eventId, int daysAgo, string outcome = "succeeded", string? reason = null)
    {
        var id = Guid.CreateVersion7(DateTimeOffset.UtcNow.AddDays(-daysAgo));
        await Database.ExecuteAsync($"""
            INSERT INTO webhook.attempt (application_id, created_at, request_attempt_id, subscription_id, event_id, event_received_at,
                                         event_type_name, attempt_number, outcome, reason, completed_at)
            VALUES ('{applicationId}', date_trunc('milliseconds', webhook.uuid_v7_time('{id}')), '{id}', gen_random_uuid(), '{eventId}', now() - interval '{daysAgo} days',
                    'a.b.c', 0, '{outcome}', {(reason is null ? "NULL" : $"'{reason}'")}, now() - interval '{daysAgo} days')
            """);
        return id;
    }

    private static async Task<IReadOnlyDictionary<string, long>> RunAsync(Dictionary<string, string?> settings)
    {
        settings["NO_AUTO_DB_MIGRATION"] = "true";
        settings["HOUSEKEEPING_ENABLED"] = "false";
        await using var factory = new Hook0Factory(ApiFixture.Database, settings);
        return await factory.Services.GetRequiredService<HousekeepingRunner>().RunDueJobsAsync(true, CancellationToken.None);
    }

    private static Task<bool> ExistsAsync(string table) => Database.ScalarAsync<bool>($"SELECT to_regclass('{table}') IS NOT NULL");

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
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM webhook.attempt"), Is.EqualTo(1));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM event.event_key"), Is.EqualTo(1), "an event's id goes with it");
    }

    [Test]
    public async Task A_report_only_run_counts_and_deletes_nothing()
    {
        var (results, _) = await RunWithOldDataAsync(Retention(delete: false));

        Assert.Multiple(async () =>
        {
            Assert.That(results["old events"], Is.EqualTo(1));
            Assert.That(results["old attempts"], Is.EqualTo(1));
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM event.event"), Is.EqualTo(2));
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM event.event_key"), Is.EqualTo(2));
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM webhook.attempt"), Is.EqualTo(2));
            Assert.That(await ExistsAsync($"webhook.{AttemptPartitions.History.PartitionName(Today.AddDays(-3))}"), Is.True, "a report drops no partition");
        });
    }

    [Test]
    public async Task A_day_past_every_horizon_is_dropped_whole_and_younger_days_stay()
    {
        var scenario = new Scenario(Master());
        var tenant = await scenario.TenantAsync();
        var old = await scenario.IngestAsync(tenant.ApplicationId, tenant.EventType);
        await scenario.IngestAsync(tenant.ApplicationId, tenant.EventType);
        await AgeEventAsync(old, days: 10);
        await InsertHistoryAsync(tenant.ApplicationId, old, daysAgo: 10);
        var retried = await InsertHistoryAsync(tenant.ApplicationId, old, daysAgo: 10, "given_up", "exhausted");
        await Database.ExecuteAsync($"INSERT INTO webhook.dead_letter_retry VALUES ('{tenant.ApplicationId}', '{retried}', now())");
        await InsertHistoryAsync(tenant.ApplicationId, Guid.NewGuid(), daysAgo: 0);
        // Pending work of the old event: never purged (the claim cancels it, its event being gone).
        await Database.ExecuteAsync($"""
            INSERT INTO webhook.delivery_queue (application_id, request_attempt_id, subscription_id, event_id, event_received_at, event_type_name, created_at, due_at, attempt_number)
            VALUES ('{tenant.ApplicationId}', gen_random_uuid(), gen_random_uuid(), '{old}', now() - interval '10 days', 'a.b.c', now() - interval '10 days', now(), 0)
            """);
        var day = Today.AddDays(-10);

        var results = await RunAsync(Retention(delete: true));

        Assert.Multiple(async () =>
        {
            Assert.That(results["old attempts"], Is.EqualTo(2));
            Assert.That(results["old events"], Is.EqualTo(1));
            Assert.That(await ExistsAsync($"webhook.{AttemptPartitions.History.PartitionName(day)}"), Is.False, "the history's day is dropped");
            Assert.That(await ExistsAsync($"event.{EventPartitions.Events.PartitionName(day)}"), Is.False, "the events' day is dropped");
            Assert.That(await ExistsAsync($"webhook.{AttemptPartitions.History.PartitionName(Today)}"), Is.True);
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM webhook.attempt"), Is.EqualTo(1));
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM event.event"), Is.EqualTo(1));
            Assert.That(await Database.ScalarAsync<long>($"SELECT count(*) FROM event.event_key WHERE event_id = '{old}'"), Is.Zero);
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM webhook.dead_letter_retry"), Is.Zero);
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM webhook.delivery_queue"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_shorter_horizon_is_trimmed_row_by_row_while_a_longer_one_keeps_the_same_day()
    {
        var scenario = new Scenario(Master());
        var shortLived = await scenario.TenantAsync("Short");
        var longLived = await scenario.TenantAsync("Long");
        await Database.ExecuteAsync($"UPDATE iam.application SET days_of_events_retention_limit = 30 WHERE application_id = '{longLived.ApplicationId}'");
        var shortEvent = await scenario.IngestAsync(shortLived.ApplicationId, shortLived.EventType);
        var longEvent = await scenario.IngestAsync(longLived.ApplicationId, longLived.EventType);
        await AgeEventAsync(shortEvent, days: 3);
        await AgeEventAsync(longEvent, days: 3);
        var shortDeadLetter = await InsertHistoryAsync(shortLived.ApplicationId, shortEvent, daysAgo: 3, "given_up", "exhausted");
        var longDeadLetter = await InsertHistoryAsync(longLived.ApplicationId, longEvent, daysAgo: 3, "given_up", "exhausted");
        await Database.ExecuteAsync($"""
            INSERT INTO webhook.dead_letter_retry VALUES ('{shortLived.ApplicationId}', '{shortDeadLetter}', now()), ('{longLived.ApplicationId}', '{longDeadLetter}', now())
            """);

        var results = await RunAsync(Retention(delete: true));

        Assert.Multiple(async () =>
        {
            Assert.That(results["old attempts"], Is.EqualTo(1));
            Assert.That(results["old events"], Is.EqualTo(1));
            Assert.That(await ExistsAsync($"webhook.{AttemptPartitions.History.PartitionName(Today.AddDays(-3))}"), Is.True, "the day is kept for the longer horizon");
            Assert.That(await Database.ScalarAsync<Guid>("SELECT application_id FROM webhook.attempt"), Is.EqualTo(longLived.ApplicationId));
            Assert.That(await Database.ScalarAsync<Guid>("SELECT application_id FROM event.event"), Is.EqualTo(longLived.ApplicationId));
            Assert.That(await Database.ScalarAsync<Guid>("SELECT event_id FROM event.event_key"), Is.EqualTo(longEvent));
            Assert.That(await Database.ScalarAsync<Guid>("SELECT request_attempt_id FROM webhook.dead_letter_retry"), Is.EqualTo(longDeadLetter));
        });
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
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM webhook.delivery_queue"), Is.Zero);
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM webhook.attempt"), Is.Zero);
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM event.event_key"), Is.Zero);
        });
    }
}
