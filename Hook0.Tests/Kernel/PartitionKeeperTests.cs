using Hook0.Modules.Delivery.Housekeeping;
using Hook0.Modules.Ingestion.Data;
using Hook0.Modules.Kernel.Partitions;
using Hook0.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hook0.Tests.Kernel;

/// <summary>
/// The day partitions of the attempt history and the event table: created ahead at start-up, rows without a
/// partition kept in DEFAULT and moved into their day when it is created, whole days dropped by cutoff.
/// </summary>
public sealed class PartitionKeeperTests : ApiTest
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private static PartitionKeeper Keeper => ApiFixture.Factory.Services.GetRequiredService<PartitionKeeper>();

    private static Task InsertAttemptAsync(Guid id, DateOnly day) => Database.ExecuteAsync($"""
        INSERT INTO webhook.attempt (application_id, created_at, request_attempt_id, subscription_id, event_id, event_received_at,
                                     event_type_name, attempt_number, outcome, completed_at)
        VALUES (gen_random_uuid(), '{day:yyyy-MM-dd} 12:00:00+00', '{id}', gen_random_uuid(), gen_random_uuid(), now(), 'a.b.c', 0, 'succeeded', now())
        """);

    private static Task<string?> PartitionOfAsync(Guid id)
        => Database.ScalarAsync<string>($"SELECT tableoid::regclass::text FROM webhook.attempt WHERE request_attempt_id = '{id}'");

    private static async Task DropIfExistsAsync(params DateOnly[] days)
    {
        foreach (var day in days)
        {
            await Database.ExecuteAsync($"DROP TABLE IF EXISTS webhook.{AttemptPartitions.History.PartitionName(day)}");
        }
    }

    [Test]
    public async Task Partitions_exist_from_yesterday_to_the_days_ahead_once_the_server_has_started()
    {
        foreach (var table in new[] { AttemptPartitions.History, EventPartitions.Events })
        {
            var days = (await Keeper.ListAsync(table, CancellationToken.None)).Select(p => p.Day).ToList();
            var expected = Enumerable.Range(-1, 9).Select(Today.AddDays).ToList(); // PARTITIONS_DAYS_AHEAD = 7
            Assert.That(days, Is.SupersetOf(expected), table.Qualified);
        }

        var bounds = (await Keeper.ListAsync(EventPartitions.Events, CancellationToken.None)).Single(p => p.Day == Today).Bounds;
        Assert.That(bounds, Does.Contain($"{Today:yyyy-MM-dd} 00:00:00+00").And.Contain($"{Today.AddDays(1):yyyy-MM-dd} 00:00:00+00"));
    }

    [Test]
    public async Task A_row_older_or_newer_than_every_partition_lands_in_DEFAULT_and_moves_into_its_day_when_it_is_created()
    {
        var (past, future) = (Today.AddDays(-40), Today.AddDays(40));
        var (old, late, current) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        try
        {
            await InsertAttemptAsync(old, past);
            await InsertAttemptAsync(late, future);
            await InsertAttemptAsync(current, Today);
            Assert.Multiple(async () =>
            {
                Assert.That(await PartitionOfAsync(old), Is.EqualTo("webhook.attempt_default"));
                Assert.That(await PartitionOfAsync(late), Is.EqualTo("webhook.attempt_default"));
                Assert.That(await PartitionOfAsync(current), Is.EqualTo($"webhook.attempt_p{Today:yyyyMMdd}"));
            });

            var created = await ApiFixture.Factory.Services.GetRequiredService<PartitionUpkeep>().RunAsync(CancellationToken.None);

            Assert.Multiple(async () =>
            {
                Assert.That(created, Is.GreaterThanOrEqualTo(2));
                Assert.That(await PartitionOfAsync(old), Is.EqualTo($"webhook.attempt_p{past:yyyyMMdd}"));
                Assert.That(await PartitionOfAsync(late), Is.EqualTo($"webhook.attempt_p{future:yyyyMMdd}"));
                Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM webhook.attempt_default"), Is.Zero);
                Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM webhook.attempt"), Is.EqualTo(3), "moved, not copied");
            });
        }
        finally
        {
            await DropIfExistsAsync(past, future);
        }
    }

    [Test]
    public async Task Whole_days_entirely_before_the_cutoff_are_dropped_and_younger_days_stay()
    {
        var days = new[] { Today.AddDays(-30), Today.AddDays(-20), Today.AddDays(-10) };
        try
        {
            foreach (var day in days)
            {
                await InsertAttemptAsync(Guid.CreateVersion7(), day);
            }

            foreach (var day in days)
            {
                Assert.That(await Keeper.EnsureAsync(AttemptPartitions.History, day, day, CancellationToken.None), Is.EqualTo(1));
            }

            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM webhook.attempt_default"), Is.Zero, "EnsureAsync moved the rows of the days it created");

            // The cutoff falls inside the -20 day: that day still holds rows younger than it, so it stays.
            var cutoff = days[1].ToDateTime(new TimeOnly(12, 30), DateTimeKind.Utc);
            var report = await Keeper.DropOlderThanAsync(AttemptPartitions.History, cutoff, reportOnly: true, null, CancellationToken.None);
            Assert.That(report.Rows, Is.EqualTo(1));
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM webhook.attempt"), Is.EqualTo(3), "a report drops nothing");

            var (dropped, rows) = await Keeper.DropOlderThanAsync(AttemptPartitions.History, cutoff, reportOnly: false, null, CancellationToken.None);

            var left = (await Keeper.ListAsync(AttemptPartitions.History, CancellationToken.None)).Select(p => p.Day).ToList();
            Assert.Multiple(async () =>
            {
                Assert.That(dropped.Select(p => p.Day), Is.EqualTo(new[] { days[0] }));
                Assert.That(rows, Is.EqualTo(1));
                Assert.That(left, Does.Not.Contain(days[0]));
                Assert.That(left, Does.Contain(days[1]).And.Contain(days[2]).And.Contain(Today));
                Assert.That(await Database.ScalarAsync<bool>($"SELECT to_regclass('webhook.attempt_p{days[0]:yyyyMMdd}') IS NULL"), Is.True);
                Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM webhook.attempt"), Is.EqualTo(2));
            });
        }
        finally
        {
            await DropIfExistsAsync(days);
        }
    }
}
