using System.Collections.Concurrent;

namespace Hook0.Receiver;

/// <summary>
/// An in-process <see cref="IWebhookReplayGuard"/> for a single receiver instance; several instances
/// behind a load balancer need a shared store (a database unique key, Redis SET NX with expiry).
/// </summary>
public sealed class MemoryReplayGuard(TimeSpan retention, TimeProvider? timeProvider = null) : IWebhookReplayGuard
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private long _recorded;

    public Task<bool> TryRecordAsync(string messageId, DateTimeOffset timestamp, CancellationToken cancellationToken)
    {
        Guard.NotNull(messageId, nameof(messageId));

        // Pruned every 1024 records so memory stays bounded by the traffic of one retention window.
        if (Interlocked.Increment(ref _recorded) % 1024 == 0)
        {
            Prune();
        }

        var key = messageId + "@" + timestamp.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Task.FromResult(_seen.TryAdd(key, timestamp));
    }

    private void Prune()
    {
        var horizon = _time.GetUtcNow() - retention - retention;
        foreach (var entry in _seen)
        {
            if (entry.Value < horizon)
            {
                _seen.TryRemove(entry.Key, out _);
            }
        }
    }
}
