using System.Collections.Concurrent;

namespace Hook0.Modules.Kernel.Notifications;

/// <summary>
/// A small read-through cache for hot-path lookups (credentials, applications, event types). Entries
/// expire after a short time and are dropped at once when any instance announces a change on the
/// cache channel, so several instances stay correct without a shared cache server.
/// Its memory is bounded: expired entries are swept once per lifetime (an entry read only once would
/// otherwise stay for the life of the process, with what it holds — a compiled payload schema can
/// weigh megabytes), and past <see cref="DefaultCapacity"/> live entries the cache starts afresh.
/// </summary>
public sealed class InvalidatedCache<TKey, TValue>
    where TKey : notnull
{
    /// <summary>Far above a busy instance's working set of credentials or event types in one lifetime.</summary>
    public const int DefaultCapacity = 20_000;

    private readonly ConcurrentDictionary<TKey, (TValue Value, long ExpiresAt)> _entries = new();
    private readonly TimeProvider _time;
    private readonly long _ttlTicks;
    private readonly int _capacity;
    private long _nextSweep;
    private int _count;

    public InvalidatedCache(PgNotificationHub hub, TimeProvider time, TimeSpan ttl, string topic, KeyParser parseKey, int capacity = DefaultCapacity)
    {
        _time = time;
        _ttlTicks = (long)(ttl.TotalSeconds * time.TimestampFrequency);
        _capacity = capacity;
        _nextSweep = time.GetTimestamp() + _ttlTicks;
        hub.Reset += Clear;
        hub.Received += (channel, payload) =>
        {
            if (channel != PgNotificationHub.CacheChannel || !payload.StartsWith(topic + ":", StringComparison.Ordinal))
            {
                return;
            }

            var key = payload[(topic.Length + 1)..];
            if (key == "*")
            {
                Clear();
            }
            else if (parseKey(key, out var parsed))
            {
                Remove(parsed);
            }
        };
    }

    /// <summary>Reads a key back from a notification payload.</summary>
    public delegate bool KeyParser(string text, out TKey key);

    /// <summary>Entries held now, expired ones not swept yet included (approximate under concurrency).</summary>
    public int Count => Volatile.Read(ref _count);

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
            Store(key, (value, now + _ttlTicks), now);
        }

        return value;
    }

    /// <summary>For values made in memory (no load to await): the live entry, or <paramref name="create"/>'s, kept.</summary>
    public TValue GetOrAdd(TKey key, Func<TKey, TValue> create)
    {
        var now = _time.GetTimestamp();
        if (_entries.TryGetValue(key, out var entry) && entry.ExpiresAt > now)
        {
            return entry.Value;
        }

        var value = create(key);
        Store(key, (value, now + _ttlTicks), now);
        return value;
    }

    private void Store(TKey key, (TValue Value, long ExpiresAt) entry, long now)
    {
        if (!_entries.TryAdd(key, entry))
        {
            _entries[key] = entry;
            return;
        }

        if (Interlocked.Increment(ref _count) > _capacity || now >= Volatile.Read(ref _nextSweep))
        {
            Sweep(now);
        }
    }

    /// <summary>Drops the expired entries; if the live ones still exceed the capacity, all of them (it is only a cache).</summary>
    private void Sweep(long now)
    {
        Volatile.Write(ref _nextSweep, now + _ttlTicks);
        foreach (var pair in _entries)
        {
            if (pair.Value.ExpiresAt <= now && _entries.TryRemove(pair))
            {
                Interlocked.Decrement(ref _count);
            }
        }

        if (Volatile.Read(ref _count) > _capacity)
        {
            Clear();
        }
    }

    /// <summary>Local invalidation (the NOTIFY reaches this instance too, but only after commit).</summary>
    public void Remove(TKey key)
    {
        if (_entries.TryRemove(key, out _))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    public void Clear()
    {
        _entries.Clear();
        Volatile.Write(ref _count, 0);
    }
}
