using System.Collections.Concurrent;
using Hook0.Modules.Delivery.Lifecycle;
using Hook0.Modules.Delivery.Sending;
using Hook0.Modules.Kernel.Notifications;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Hook0.Modules.Delivery.Listen;

/// <summary>
/// Claims and delivers the attempts of the cli subscriptions whose listeners this instance holds (and no others), one
/// at a time per subscription, in due order: woken by NOTIFY and this instance's own commits like the delivery worker,
/// by a listener arriving, and by the poll. A delivery whose listener left before answering is released (due again as
/// it was: no retry consumed, no failure recorded); a crash of this instance leaves it to lease expiry.
/// </summary>
internal sealed partial class CliDeliveryPump(
    CliListeners listeners,
    AttemptLifecycle lifecycle,
    AttemptProcessor processor,
    PgNotificationHub hub,
    LocalAttemptSignal local,
    IOptions<DeliveryOptions> options,
    ILogger<CliDeliveryPump> logger) : BackgroundService
{
    private readonly DeliveryOptions _options = options.Value;
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly ConcurrentDictionary<Guid, Task> _busy = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        hub.Received += OnNotification;
        local.Raised += Wake;
        listeners.Changed += Wake;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await RunOnceAsync(stoppingToken);
                await _wake.WaitAsync(_options.PollIntervalMs, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: deliveries in flight end with their connections or their leases.
        }
        finally
        {
            hub.Received -= OnNotification;
            local.Raised -= Wake;
            listeners.Changed -= Wake;
        }
    }

    /// <summary>Claims for every listened subscription with no delivery in flight and starts those deliveries.</summary>
    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var idle = listeners.Subscriptions.Where(s => !_busy.ContainsKey(s)).ToList();
        if (idle.Count == 0)
        {
            return;
        }

        List<ClaimedAttempt> claimed;
        try
        {
            claimed = await lifecycle.ClaimCliAsync(idle, _options.LeaseSeconds, _options.WorkerName, cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            LogClaimFailed(logger, e);
            return;
        }

        foreach (var attempt in claimed)
        {
            _busy[attempt.SubscriptionId] = DeliverAsync(attempt);
        }
    }

    private async Task DeliverAsync(ClaimedAttempt attempt)
    {
        await Task.Yield();
        try
        {
            await processor.ProcessAsync(attempt, CancellationToken.None);
        }
        catch (ListenerGoneException)
        {
            try
            {
                await lifecycle.ReleaseAsync(attempt, _options.WorkerName, CancellationToken.None);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                // Its lease will expire instead: later, but never lost.
                LogReleaseFailed(logger, attempt.AttemptId, e);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogDeliveryFailed(logger, attempt.AttemptId, e);
        }
        finally
        {
            _busy.TryRemove(attempt.SubscriptionId, out _);
            Wake();
        }
    }

    private void OnNotification(string channel, string payload)
    {
        if (channel == PgNotificationHub.AttemptsChannel)
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
            // Already woken.
        }
        catch (ObjectDisposedException)
        {
            // Stopped.
        }
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Claiming cli attempts failed; retrying")]
    private static partial void LogClaimFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Releasing attempt {AttemptId} failed; its lease will expire and it will be tried again")]
    private static partial void LogReleaseFailed(ILogger logger, Guid attemptId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivering cli attempt {AttemptId} failed unexpectedly; its lease will expire and it will be tried again")]
    private static partial void LogDeliveryFailed(ILogger logger, Guid attemptId, Exception exception);
}
