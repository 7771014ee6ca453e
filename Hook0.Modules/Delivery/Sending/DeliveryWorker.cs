using Hook0.Modules.Delivery.Lifecycle;
using Hook0.Modules.Kernel.Live;
using Hook0.Modules.Kernel.Notifications;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Hook0.Modules.Delivery.Sending;

/// <summary>
/// A thin loop around <see cref="RunOnceAsync"/>: keeps up to CONCURRENT deliveries in flight, claiming when enough
/// slots are free (so one slow endpoint never holds back a batch), waking at once on NOTIFY from ingestion or when
/// enough slots free up, polling otherwise. Limits per subscription are applied in one place, the lifecycle's metered
/// claim. On shutdown it claims nothing new and lets in-flight calls finish within the grace period; what is still
/// running then is cancelled and left to lease expiry (at least once).
/// </summary>
internal sealed partial class DeliveryWorker(
    AttemptProcessor processor,
    AttemptLifecycle lifecycle,
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

    // Whether the metered path may have work: set by wake-ups, polls and finished metered deliveries (a freed slot),
    // cleared when a metered claim finds nothing. Spares the open path's drain a second round trip per claim.
    private volatile bool _meteredHint = true;
    private long _lastMeteredClaim;

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
                if (free < (busy == 0 ? 1 : batchThreshold) || (await RunOnceAsync(free, MeteredDue(), stoppingToken)).Count < free)
                {
                    // Nothing (or less than asked) was due: wait for the next NOTIFY (one sent while claiming is kept by
                    // the semaphore, so none is missed), a freed slot or the poll.
                    if (!await _wake.WaitAsync(_options.PollIntervalMs, stoppingToken))
                    {
                        _meteredHint = true;
                    }
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

    /// <summary>
    /// Whether this round looks at the metered path: when hinted, and at least once per poll interval whatever the hints
    /// (a busy worker's waits never time out, and a metered lane's delayed retry becomes due with no NOTIFY).
    /// </summary>
    private bool MeteredDue() => _meteredHint || Environment.TickCount64 - Volatile.Read(ref _lastMeteredClaim) >= _options.PollIntervalMs;

    /// <summary>
    /// One round: claims up to <paramref name="slots"/> attempts, the metered path first (its lanes are bounded by their
    /// limits, so they never take more than their share), then the open path, and starts their deliveries.
    /// </summary>
    /// <param name="slots">How many attempts to claim at most.</param>
    /// <param name="metered">Whether to try the metered path (the loop skips it while nothing hints at metered work).</param>
    /// <param name="cancellationToken">Stops the claims (not the deliveries started).</param>
    /// <returns>The deliveries started (tests await them).</returns>
    public async Task<IReadOnlyList<Task>> RunOnceAsync(int slots, bool metered, CancellationToken cancellationToken)
    {
        var started = new List<Task>();
        if (metered)
        {
            Volatile.Write(ref _lastMeteredClaim, Environment.TickCount64);
            var claimed = await ClaimAsync(lifecycle.ClaimMeteredAsync, slots, cancellationToken);
            _meteredHint = claimed.Count > 0;
            started.AddRange(Start(claimed));
        }

        if (started.Count < slots)
        {
            started.AddRange(Start(await ClaimAsync(lifecycle.ClaimOpenAsync, slots - started.Count, cancellationToken)));
        }

        return started;
    }

    private List<Task> Start(List<ClaimedAttempt> claimed)
    {
        var started = new List<Task>(claimed.Count);
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
            started.Add(task);
        }

        return started;
    }

    private async Task<List<ClaimedAttempt>> ClaimAsync(Func<int, int, string, CancellationToken, Task<List<ClaimedAttempt>>> claim, int count,
        CancellationToken cancellationToken)
    {
        try
        {
            return await claim(count, _options.LeaseSeconds, _options.WorkerName, cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            LogClaimFailed(logger, e);
            await Task.Delay(_options.PollIntervalMs, cancellationToken);
            return [];
        }
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
            // trickle of events costs no extra empty claims per delivery), or when a metered delivery
            // freed its lane's slot (the lane's next attempt may go now).
            var concurrency = _options.Concurrency;
            var thresholdReached = concurrency - Interlocked.Decrement(ref _inFlightCount) == Math.Max(1, concurrency / 4);
            if (attempt.Metered)
            {
                _meteredHint = true;
            }

            if (thresholdReached || attempt.Metered)
            {
                Release();
            }
        }
    }

    private void OnNotification(string channel, string payload)
    {
        // Our own group commits woke us already (LocalAttemptSignal).
        if (channel == PgNotificationHub.AttemptsChannel && payload != LocalAttemptSignal.Instance)
        {
            Wake();
        }
    }

    /// <summary>New or resumed work may be due (a NOTIFY, this instance's own commit, a reconnection): both paths look.</summary>
    private void Wake()
    {
        _meteredHint = true;
        Release();
    }

    private void Release()
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
