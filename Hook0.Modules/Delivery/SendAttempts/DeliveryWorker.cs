using Hook0.Modules.Kernel.Live;
using Hook0.Modules.Kernel.Notifications;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Hook0.Modules.Delivery.SendAttempts;

/// <summary>
/// Keeps up to CONCURRENT deliveries in flight: when enough slots are free it claims that many due
/// attempts (so one slow endpoint never holds back a batch), wakes at once on NOTIFY from ingestion
/// or when enough slots free up, and polls otherwise. On shutdown it claims nothing new and lets in-flight calls finish within the
/// grace period; what is still running then is cancelled and left to lease expiry.
/// </summary>
internal sealed partial class DeliveryWorker(
    AttemptProcessor processor,
    NpgsqlDataSource db,
    ClaimDataSource claims,
    PgNotificationHub hub,
    LocalAttemptSignal local,
    ILiveUpdates live,
    IOptions<DeliveryOptions> options,
    ILogger<DeliveryWorker> logger) : BackgroundService
{
    private readonly DeliveryOptions _options = options.Value;
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly CancellationTokenSource _abortDeliveries = new();
    private readonly HashSet<Task> _inFlight = [];
    private int _inFlightCount;
    private long _lastFullClaim;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        hub.Received += OnNotification;
        hub.Reset += Wake;
        local.Raised += Wake;
        var concurrency = _options.Concurrency;
        // While deliveries are in flight, wait for a quarter of the slots to free up before claiming
        // again: fewer, larger claims instead of one claim round trip per finished delivery.
        var batchThreshold = Math.Max(1, concurrency / 4);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var busy = Volatile.Read(ref _inFlightCount);
                var free = concurrency - busy;
                if (free < (busy == 0 ? 1 : batchThreshold))
                {
                    await WaitForWorkAsync(stoppingToken);
                    continue;
                }

                // Half the free slots go to first tries first, so new events are never stuck behind a
                // wall of retries; the rest (and whatever first tries left) is taken oldest first. The
                // first claim's attempts start before the second claim runs (a round trip sooner), and
                // the second claim sees the first one's leases when it checks endpoints' limits.
                // When first tries trickle in (the first claim found some, but fewer than it asked for,
                // so it took every due first try), the second claim would only look for due retries:
                // that is done at most once per poll interval, so a trickle costs one claim per event.
                var firstQuota = (free + 1) / 2;
                var claimed = await ClaimAsync(firstQuota, true, stoppingToken);
                Start(claimed);
                var total = claimed.Count;
                var trickle = total > 0 && total < firstQuota;
                if (total < free && (!trickle || Environment.TickCount64 - _lastFullClaim >= _options.PollIntervalMs))
                {
                    _lastFullClaim = Environment.TickCount64;
                    claimed = await ClaimAsync(free - total, false, stoppingToken);
                    Start(claimed);
                    total += claimed.Count;
                    trickle = false;
                }

                // Nothing found, or every due first try taken: wait for the next NOTIFY (one sent
                // while claiming is kept by the semaphore, so none is missed), a freed slot or the poll.
                if (total == 0 || trickle)
                {
                    await WaitForWorkAsync(stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: fall through to drain.
        }
        finally
        {
            hub.Received -= OnNotification;
            hub.Reset -= Wake;
            local.Raised -= Wake;
        }

        Task[] pending;
        lock (_inFlight)
        {
            pending = [.. _inFlight];
        }

        var all = Task.WhenAll(pending);
        if (await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(_options.ShutdownGraceSeconds), CancellationToken.None)) != all)
        {
            await _abortDeliveries.CancelAsync();
            LogAbandoned(logger, pending.Count(t => !t.IsCompleted));
        }
    }

    private void Start(List<ClaimedAttempt> claimed)
    {
        foreach (var attempt in claimed)
        {
            // Picked: the dashboards show it in progress.
            live.Publish(attempt.ApplicationId, LiveTopic.Attempts);
            Interlocked.Increment(ref _inFlightCount);
            var task = RunAsync(attempt);
            lock (_inFlight)
            {
                _inFlight.Add(task);
            }

            _ = task.ContinueWith(t => { lock (_inFlight) { _inFlight.Remove(t); } }, TaskScheduler.Default);
        }
    }

    private async Task<List<ClaimedAttempt>> ClaimAsync(int count, bool firstTriesOnly, CancellationToken cancellationToken)
    {
        try
        {
            var claimed = await AttemptClaimSql.ClaimAsync(claims.DataSource, count, firstTriesOnly, _options.LeaseSeconds, _options.WorkerName,
                DeliveryOptions.Version, cancellationToken);
            return await KeepWithinLimitsAsync(claimed, cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            LogClaimFailed(logger, e);
            await Task.Delay(_options.PollIntervalMs, cancellationToken);
            return [];
        }
    }

    /// <summary>
    /// The claim checks each endpoint's limits against what was in flight before it, so one claim may
    /// take several attempts of one endpoint; beyond its limits they are given back at once.
    /// </summary>
    private async Task<List<ClaimedAttempt>> KeepWithinLimitsAsync(List<ClaimedAttempt> claimed, CancellationToken cancellationToken)
    {
        var excess = claimed.Where(a => a.MaxConcurrency is not null || a.RateLimitPerSecond is not null)
            .GroupBy(a => a.SubscriptionId)
            .SelectMany(g => g.Skip(Math.Min(g.First().MaxConcurrency ?? int.MaxValue, g.First().RateLimitPerSecond ?? int.MaxValue)))
            .ToList();
        if (excess.Count == 0)
        {
            return claimed;
        }

        await AttemptClaimSql.ReleaseAsync(db, [.. excess.Select(a => a.AttemptId)], cancellationToken);
        return [.. claimed.Except(excess)];
    }

    private async Task RunAsync(ClaimedAttempt attempt)
    {
        try
        {
            await processor.ProcessAsync(attempt, _abortDeliveries.Token);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The lease will expire and another try will be made: at least once, never zero.
            LogDeliveryFailed(logger, attempt.AttemptId, e);
        }
        finally
        {
            // Wake the loop only when it may be waiting for slots: as the free slots reach the claim
            // threshold (a worker that found no work waits for NOTIFY or its poll instead, so a
            // trickle of events costs no extra empty claims per delivery).
            var concurrency = _options.Concurrency;
            if (concurrency - Interlocked.Decrement(ref _inFlightCount) == Math.Max(1, concurrency / 4))
            {
                Wake();
            }
        }
    }

    private async Task WaitForWorkAsync(CancellationToken stoppingToken)
        => await _wake.WaitAsync(_options.PollIntervalMs, stoppingToken);

    private void OnNotification(string channel, string payload)
    {
        // Our own group commits woke us already (LocalAttemptSignal).
        if (channel == PgNotificationHub.AttemptsChannel && payload != LocalAttemptSignal.Instance)
        {
            Wake();
        }
    }

    private void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: one wake-up is enough.
        }
    }

    public override void Dispose()
    {
        _wake.Dispose();
        _abortDeliveries.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Claiming attempts failed; retrying")]
    private static partial void LogClaimFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivering attempt {AttemptId} failed unexpectedly; its lease will expire and it will be tried again")]
    private static partial void LogDeliveryFailed(ILogger logger, Guid attemptId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shutdown grace period over: {Count} deliveries abandoned to lease expiry")]
    private static partial void LogAbandoned(ILogger logger, int count);
}
