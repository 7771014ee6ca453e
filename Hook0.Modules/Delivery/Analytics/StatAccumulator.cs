using System.Text.Json;

namespace Hook0.Modules.Delivery.Analytics;

/// <summary>One finished try as the roll-up reads it.</summary>
internal readonly record struct FinishedTry(Guid SubscriptionId, Guid ApplicationId, DateTime CompletedAt, bool Succeeded,
    short? HttpCode, string? ErrorName, int? ElapsedMs);

/// <summary>Adds finished tries up per subscription and minute, and those minutes per hour (pure: the roll-up's arithmetic, tested alone).</summary>
internal sealed class StatAccumulator
{
    private readonly Dictionary<(Guid SubscriptionId, DateTime Minute), DeliveryStatMinute> _rows = [];
    private readonly Dictionary<(Guid, DateTime), Dictionary<string, int>> _errors = [];

    public IEnumerable<DeliveryStatMinute> Rows => _rows.Select(kv =>
    {
        kv.Value.ErrorClasses = JsonSerializer.Serialize(_errors.GetValueOrDefault(kv.Key) ?? []);
        return kv.Value;
    });

    public int Count => _rows.Count;

    /// <summary>The minute rows added up per subscription and hour: the deltas the same transaction adds to the hour table.</summary>
    public IEnumerable<DeliveryStatHour> HourRows
    {
        get
        {
            var hours = new Dictionary<(Guid, DateTime), (DeliveryStatHour Row, Dictionary<string, int> Errors)>();
            foreach (var ((subscriptionId, minute), row) in _rows)
            {
                var key = (subscriptionId, HourOf(minute));
                if (!hours.TryGetValue(key, out var hour))
                {
                    hours[key] = hour = (new DeliveryStatHour { SubscriptionId = subscriptionId, ApplicationId = row.ApplicationId, Hour = key.Item2 },
                        new Dictionary<string, int>(StringComparer.Ordinal));
                }

                var h = hour.Row;
                h.Succeeded += row.Succeeded;
                h.Failed += row.Failed;
                h.Http2xx += row.Http2xx;
                h.Http3xx += row.Http3xx;
                h.Http4xx += row.Http4xx;
                h.Http5xx += row.Http5xx;
                h.NoResponse += row.NoResponse;
                h.LatencyCount += row.LatencyCount;
                h.LatencySumMs += row.LatencySumMs;
                for (var i = 0; i < h.LatencyBuckets.Length; i++)
                {
                    h.LatencyBuckets[i] += row.LatencyBuckets[i];
                }

                foreach (var (name, count) in _errors.GetValueOrDefault((subscriptionId, minute)) ?? [])
                {
                    hour.Errors[name] = hour.Errors.GetValueOrDefault(name) + count;
                }
            }

            return hours.Values.Select(h =>
            {
                h.Row.ErrorClasses = JsonSerializer.Serialize(h.Errors);
                return h.Row;
            });
        }
    }

    public static DateTime MinuteOf(DateTime at)
        => new(at.Ticks - at.Ticks % TimeSpan.TicksPerMinute, DateTimeKind.Utc);

    public static DateTime HourOf(DateTime at)
        => new(at.Ticks - at.Ticks % TimeSpan.TicksPerHour, DateTimeKind.Utc);

    public void Add(FinishedTry t)
    {
        var key = (t.SubscriptionId, MinuteOf(t.CompletedAt));
        if (!_rows.TryGetValue(key, out var row))
        {
            row = new DeliveryStatMinute { SubscriptionId = t.SubscriptionId, ApplicationId = t.ApplicationId, Minute = key.Item2 };
            _rows[key] = row;
        }

        if (t.Succeeded)
        {
            row.Succeeded++;
        }
        else
        {
            row.Failed++;
        }

        switch (t.HttpCode)
        {
            case null: row.NoResponse++; break;
            case < 300: row.Http2xx++; break;
            case < 400: row.Http3xx++; break;
            case < 500: row.Http4xx++; break;
            default: row.Http5xx++; break;
        }

        if (t.ErrorName is { } error)
        {
            if (!_errors.TryGetValue(key, out var errors))
            {
                _errors[key] = errors = new Dictionary<string, int>(StringComparer.Ordinal);
            }

            errors[error] = errors.GetValueOrDefault(error) + 1;
        }

        if (t.ElapsedMs is { } ms)
        {
            row.LatencyBuckets[LatencyHistogram.BucketOf(ms)]++;
            row.LatencyCount++;
            row.LatencySumMs += ms;
        }
    }
}
