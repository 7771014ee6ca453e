using System.Text.Json;

namespace Hook0.Modules.Delivery.Analytics;

/// <summary>One finished try as the roll-up reads it.</summary>
internal readonly record struct FinishedTry(Guid SubscriptionId, Guid ApplicationId, DateTime CompletedAt, bool Succeeded,
    short? HttpCode, string? ErrorName, int? ElapsedMs);

/// <summary>Adds finished tries up per subscription and minute (pure: the roll-up's arithmetic, tested alone).</summary>
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

    public static DateTime MinuteOf(DateTime at)
        => new(at.Ticks - at.Ticks % TimeSpan.TicksPerMinute, DateTimeKind.Utc);

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
