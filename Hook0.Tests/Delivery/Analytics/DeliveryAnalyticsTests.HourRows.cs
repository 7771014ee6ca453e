using System.Text.Json;
using Hook0.Modules.Delivery.Analytics;
using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Kernel.Auth;
using Hook0.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Hook0.Tests.Delivery.Analytics;

/// <summary>The hour rows: kept equal to the sums of the minute rows, and read for whole hours without changing any figure.</summary>
public sealed partial class DeliveryAnalyticsTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1), Hour = TimeSpan.FromHours(1), Day = TimeSpan.FromDays(1);

    /// <summary>Gives the given tries of the application these finishing times (as if they had finished then).</summary>
    private static async Task<Guid[]> FinishAtAsync(Guid applicationId, Guid[] alreadyMoved, DateTime[] times)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        var ids = new List<Guid>();
        await using (var select = new NpgsqlCommand(
            "SELECT request_attempt_id FROM webhook.attempt WHERE application_id = @app AND request_attempt_id <> ALL(@moved) ORDER BY request_attempt_id", connection))
        {
            select.Parameters.AddWithValue("app", applicationId);
            select.Parameters.AddWithValue("moved", alreadyMoved);
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                ids.Add(reader.GetGuid(0));
            }
        }

        Assert.That(ids, Has.Count.EqualTo(times.Length), "one new try per finishing time");
        await using var move = new NpgsqlCommand("""
            UPDATE webhook.attempt a SET completed_at = t.at
            FROM unnest(@ids, @ats) AS t(id, at) WHERE a.request_attempt_id = t.id
            """, connection);
        move.Parameters.AddWithValue("ids", ids.ToArray());
        move.Parameters.AddWithValue("ats", times);
        await move.ExecuteNonQueryAsync();
        return [.. alreadyMoved, .. ids];
    }

    private async Task<long> RollUpConcurrentlyAsync()
        => (await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Rollup.RunOnceAsync(CancellationToken.None)))).Sum();

    [Test]
    public async Task Hour_rows_stay_the_sums_of_minute_rows_and_long_windows_give_the_same_figures_as_minutes_alone()
    {
        var scenario = new Scenario(_host.Master());
        var tenant = await scenario.TenantAsync();
        var good = await SubscribeAsync(tenant, _ok.Url());
        await SubscribeAsync(tenant, _failing.Url());

        // Finishing times around the edges of the windows read at `now` = H + 20 min 7 s below: the 24 h
        // window is [H − 23 h 30 min, H + 30 min), so its first 30 and last 30 minutes are partial hours.
        var clock = DateTime.UtcNow;
        var h = new DateTime(clock.Ticks - clock.Ticks % Hour.Ticks, DateTimeKind.Utc) - 2 * Hour;
        var now = h + 20 * Minute + TimeSpan.FromSeconds(7);
        var to30 = new DateTime(now.Ticks - now.Ticks % (6 * Hour).Ticks, DateTimeKind.Utc) + 6 * Hour;
        DateTime[] first =
        [
            to30 - 30 * Day - 20 * Minute, to30 - 30 * Day + 20 * Minute,            // around the 30 d window's start
            h + Hour - 7 * Day - 30 * Minute, h + Hour - 7 * Day + 30 * Minute,      // around the 7 d window's start
            h - Day + 10 * Minute,                                                   // in the 24 h window's first hour, before it starts
            h - Day + 40 * Minute, h - Day + 40 * Minute + TimeSpan.FromSeconds(30), // its first, partial hour
            h - 23 * Hour - TimeSpan.FromSeconds(1), h - 23 * Hour,                  // either side of its first whole hour
            h - 12 * Hour + 17 * Minute, h - Hour + 30 * Minute, h - Minute,
        ];
        DateTime[] second =
        [
            h, h + 5 * Minute, h + 30 * Minute - TimeSpan.FromSeconds(1),           // its last, partial hour
            h + 30 * Minute, h + 45 * Minute, h + 45 * Minute + TimeSpan.FromSeconds(1), h + 59 * Minute, // after it ends, same hour
            h + 40 * Minute,
        ];

        // Two rounds, each rolled up by three runners at once; the second adds into hour rows the first wrote.
        await IngestAsync(tenant, first.Length / 2);
        await _ok.WaitForAsync(first.Length / 2, TimeSpan.FromSeconds(20));
        await DrainAsync();
        var moved = await FinishAtAsync(tenant.ApplicationId, [], first);
        var read = await RollUpConcurrentlyAsync();
        await IngestAsync(tenant, second.Length / 2);
        await _ok.WaitForAsync((first.Length + second.Length) / 2, TimeSpan.FromSeconds(20));
        await DrainAsync();
        await FinishAtAsync(tenant.ApplicationId, moved, second);
        read += await RollUpConcurrentlyAsync();
        Assert.That(read, Is.EqualTo(first.Length + second.Length), "every try read once");

        await RollupGrains.AssertHoursAreSumsOfMinutesAsync();

        var handler = new GetDeliveryAnalyticsHandler(_host.Services.GetRequiredService<NpgsqlDataSource>(), TimeProvider.System);
        DateTime[] all = [.. first, .. second];
        foreach (var at in new[] { now, h + 50 * Minute, h + 59 * Minute + TimeSpan.FromSeconds(59), h - 37 * Minute, h + Hour + 10 * Minute })
        {
            foreach (var window in Enum.GetValues<AnalyticsWindow>())
            {
                foreach (var subscription in new Guid?[] { null, good })
                {
                    var query = new GetDeliveryAnalyticsQuery(Caller.MasterKey, tenant.ApplicationId, subscription, window);
                    var fromHours = await handler.ReadAsync(query, at, hourRows: true, CancellationToken.None);
                    var fromMinutes = await handler.ReadAsync(query, at, hourRows: false, CancellationToken.None);
                    Assert.That(JsonSerializer.Serialize(fromHours), Is.EqualTo(JsonSerializer.Serialize(fromMinutes)),
                        $"{window} at {at:O}, subscription {subscription}: the same answer as from minutes alone");
                    if (subscription is null)
                    {
                        Assert.That(fromHours.Totals.Succeeded + fromHours.Totals.Failed, Is.EqualTo(all.Count(t => t >= fromHours.From && t < fromHours.To)),
                            $"{window} at {at:O}: the tries that finished in [{fromHours.From:O}, {fromHours.To:O})");
                    }
                }
            }
        }

        // The 24 h window at `now` cuts hours on both sides: 3 of the 4 tries of its first hour, 3 of the 8 of its last.
        var day = await handler.ReadAsync(new GetDeliveryAnalyticsQuery(Caller.MasterKey, tenant.ApplicationId, null, AnalyticsWindow.Last24Hours), now,
            hourRows: true, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That((day.From, day.To), Is.EqualTo((h - 23 * Hour - 30 * Minute, h + 30 * Minute)));
            Assert.That(day.Totals.Succeeded + day.Totals.Failed, Is.EqualTo(10), "3 at the first edge, 4 in whole hours, 3 at the last edge");
            Assert.That(day.Series, Has.Count.EqualTo(96));
            Assert.That(day.Series.Sum(p => p.Succeeded + p.Failed), Is.EqualTo(10), "the 15-minute points add up to the totals");
        });
    }
}
