using System.Text.Json;
using Npgsql;

namespace Hook0.Tests.Delivery.Analytics;

/// <summary>Reads both roll-up tables back and checks that every hour row is exactly the sum of its minute rows.</summary>
internal static class RollupGrains
{
    /// <summary>Every column of every hour row equals the sum of that hour's minute rows, and no hour lacks a row.</summary>
    public static async Task AssertHoursAreSumsOfMinutesAsync()
    {
        var minutes = await ReadAsync("delivery_stat_minute", "minute");
        var hours = await ReadAsync("delivery_stat_hour", "hour");
        var expected = new Dictionary<(Guid, DateTime), Row>();
        foreach (var ((subscriptionId, minute), row) in minutes)
        {
            var key = (subscriptionId, new DateTime(minute.Ticks - minute.Ticks % TimeSpan.TicksPerHour, DateTimeKind.Utc));
            expected[key] = expected.TryGetValue(key, out var sum) ? sum.Plus(row) : row;
        }

        Assert.That(minutes, Is.Not.Empty, "there is something to compare");
        Assert.That(hours.Keys, Is.EquivalentTo(expected.Keys), "one hour row per subscription and hour with minutes");
        Assert.Multiple(() =>
        {
            foreach (var (key, row) in expected)
            {
                Assert.That(hours[key].ToString(), Is.EqualTo(row.ToString()), $"hour {key.Item2:O} of {key.Item1}");
            }
        });
    }

    private static async Task<Dictionary<(Guid, DateTime), Row>> ReadAsync(string table, string period)
    {
        await using var connection = new NpgsqlConnection(ApiFixture.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"""
            SELECT subscription_id, {period}, application_id, succeeded, failed, http_2xx, http_3xx, http_4xx, http_5xx, no_response,
                   error_classes::text, latency_buckets, latency_count, latency_sum_ms
            FROM webhook.{table}
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new Dictionary<(Guid, DateTime), Row>();
        while (await reader.ReadAsync())
        {
            var counters = Enumerable.Range(3, 7).Select(i => (long)reader.GetInt32(i)).Append(reader.GetInt32(12)).Append(reader.GetInt64(13)).ToArray();
            rows[(reader.GetGuid(0), reader.GetFieldValue<DateTime>(1))] = new Row(reader.GetGuid(2), counters,
                JsonSerializer.Deserialize<Dictionary<string, long>>(reader.GetString(10))!, [.. reader.GetFieldValue<int[]>(11).Select(n => (long)n)]);
        }

        return rows;
    }

    private sealed record Row(Guid ApplicationId, long[] Counters, Dictionary<string, long> Errors, long[] Buckets)
    {
        public Row Plus(Row other) => new(ApplicationId,
            [.. Counters.Zip(other.Counters, (a, b) => a + b)],
            Errors.Concat(other.Errors).GroupBy(e => e.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(e => e.Value), StringComparer.Ordinal),
            [.. Buckets.Zip(other.Buckets, (a, b) => a + b)]);

        public override string ToString()
            => $"{ApplicationId} [{string.Join(", ", Counters)}] {{{string.Join(", ", Errors.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}: {e.Value}"))}}} [{string.Join(", ", Buckets)}]";
    }
}
