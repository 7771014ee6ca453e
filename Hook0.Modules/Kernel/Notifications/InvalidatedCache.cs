using System.Collections.Concurrent;

namespace Hook0.Modules.Kernel.Notifications;

/// <summary>
/// A small read-through cache for hot-path lookups (credentials, applications, event types). Entries
/// expire after a short time and are dropped at once when any instance announces a change on the
/// cache channel, so several instances stay correct without a shared cache server.
/// </summary>
public sealed class InvalidatedCache<TKey, TValue>
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, (TValue Value, long ExpiresAt)> _entries = new();
    private readonly TimeProvider _time;
    private readonly TimeSpan _ttl;

    public InvalidatedCache(PgNotificationHub hub, TimeProvider time, TimeSpan ttl, string topic, KeyParser parseKey)
    {
        _time = time;
        _ttl = ttl;
        hub.Reset += _entries.Clear;
        hub.Received += (channel, payload) =>
        {
            if (channel != PgNotificationHub.CacheChannel || !payload.StartsWith(topic + ":", StringComparison.Ordinal))
            {
                return;
            }

            var key = payload[(topic.Length + 1)..];
            if (key == "*")
            {
                _entries.Clear();
            }
            else if (parseKey(key, out var parsed))
            {
                _entries.TryRemove(parsed, out _);
            }
        };
    }

    /// <summary>Reads a key back from a notification payload.</summary>
    public delegate bool KeyParser(string text, out TKey key);

    public async ValueTask<TValue> GetOrLoadAsync(TKey key, Func<TKey, CancellationToken, Task<TValue>> load, CancellationToken cancellationToken)
    {
        var now = _time.GetTimestamp();
        if (_entries.TryGetValue(key, out var entry) && entry.ExpiresAt > now)
        {
            return entry.Value;
        }

        var value = await load(key, cancellationToken);
        if (value is not null)
        {
            // Misses are not kept: random unknown keys must not be able to fill the cache.
            _entries[key] = (value, now + (long)(_ttl.TotalSeconds * _time.TimestampFrequency));
        }

        return value;
    }

    /// <summary>Local invalidation (the NOTIFY reaches this instance too, but only after commit).</summary>
    public void Remove(TKey key) => _entries.TryRemove(key, out _);

    public void Clear() => _entries.Clear();
}
