using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Hook0.Modules.Kernel.Notifications;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Hook0.Modules.Kernel.Live;

/// <summary>
/// <see cref="ILiveUpdates"/> over the shared LISTEN connection: publishes are merged per application for
/// <see cref="FlushInterval"/> and sent as NOTIFY payloads of <c>application-id:topics</c> pairs (split
/// below PostgreSQL's 8000-byte limit). Each instance receives its own notices back through LISTEN, so
/// there is a single delivery path; if the NOTIFY cannot be sent (database down) the notices are handed
/// to local subscribers directly, which is all a dashboard on this instance can see anyway.
/// </summary>
public sealed partial class LiveUpdates : BackgroundService, ILiveUpdates
{
    public const string Channel = PgNotificationHub.LiveChannel;

    /// <summary>How long changes are merged before a NOTIFY: at most ten notices a second per instance.</summary>
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(100);

    private const int MaxPayloadBytes = 7900;

    private readonly ConcurrentDictionary<Guid, int> _pending = new();
    private readonly ConcurrentDictionary<Guid, ImmutableSubscribers> _subscribers = new();
    private readonly NpgsqlDataSource _dataSource;
    private readonly PgNotificationHub _hub;
    private readonly TimeProvider _time;
    private readonly ILogger<LiveUpdates> _logger;
    private readonly SemaphoreSlim _signal = new(0, 1);

    public LiveUpdates(NpgsqlDataSource dataSource, PgNotificationHub hub, TimeProvider time, ILogger<LiveUpdates> logger)
    {
        _dataSource = dataSource;
        _hub = hub;
        _time = time;
        _logger = logger;
        hub.Received += OnNotification;
        hub.Reset += OnReset;
        hub.Listening.ContinueWith(_ => SetConnected(true), TaskScheduler.Default);
    }

    public bool Connected { get; private set; }

    public event Action<bool>? ConnectionChanged;

    public void Publish(Guid applicationId, LiveTopic topics)
    {
        // Always sent, even when nobody watches here: a page open on another instance needs this
        // instance's changes, and a merged notice per application every 100 ms costs next to nothing.
        if (topics == LiveTopic.None)
        {
            return;
        }

        _pending.AddOrUpdate(applicationId, (int)topics, (_, existing) => existing | (int)topics);
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled.
            }
        }
    }

    public IDisposable Subscribe(Guid applicationId, Action<LiveTopic> changed)
    {
        var subscription = new Subscription(this, applicationId, changed);
        _subscribers.AddOrUpdate(applicationId, _ => new([subscription]), (_, s) => s.With(subscription));
        return subscription;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _signal.WaitAsync(stoppingToken);
                await Task.Delay(FlushInterval, _time, stoppingToken);
                await FlushAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>Sends what is pending now (tests call it to avoid waiting for the timer).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_pending.IsEmpty)
        {
            return;
        }

        var drained = new List<(Guid, int)>();
        foreach (var key in _pending.Keys)
        {
            if (_pending.TryRemove(key, out var topics))
            {
                drained.Add((key, topics));
            }
        }

        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            foreach (var payload in Payloads(drained))
            {
                await PgNotificationHub.NotifyAsync(connection, null, Channel, payload, cancellationToken);
            }
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or IOException)
        {
            LogNotifyFailed(_logger, e);
            foreach (var (applicationId, topics) in drained)
            {
                Dispatch(applicationId, (LiveTopic)topics);
            }
        }
    }

    /// <summary>Encodes merged changes as <c>id:topics</c> pairs separated by commas, each payload under the NOTIFY limit.</summary>
    internal static IEnumerable<string> Payloads(IEnumerable<(Guid ApplicationId, int Topics)> changes)
    {
        var builder = new StringBuilder();
        foreach (var (applicationId, topics) in changes)
        {
            if (builder.Length > MaxPayloadBytes)
            {
                yield return builder.ToString();
                builder.Clear();
            }

            if (builder.Length > 0)
            {
                builder.Append(',');
            }

            builder.Append(applicationId.ToString("N")).Append(':').Append(topics.ToString(CultureInfo.InvariantCulture));
        }

        if (builder.Length > 0)
        {
            yield return builder.ToString();
        }
    }

    /// <summary>Reads a payload back; malformed pairs are skipped (another version may send more).</summary>
    internal static IEnumerable<(Guid ApplicationId, LiveTopic Topics)> Parse(string payload)
    {
        foreach (var pair in payload.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0
                && Guid.TryParseExact(pair.AsSpan(0, colon), "N", out var applicationId)
                && int.TryParse(pair.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var topics))
            {
                yield return (applicationId, (LiveTopic)topics & LiveTopic.All);
            }
        }
    }

    private void OnNotification(string channel, string payload)
    {
        if (channel != Channel)
        {
            return;
        }

        foreach (var (applicationId, topics) in Parse(payload))
        {
            Dispatch(applicationId, topics);
        }
    }

    private void OnReset()
    {
        // Notices may have been missed while the connection was down: every page looks again.
        foreach (var applicationId in _subscribers.Keys)
        {
            Dispatch(applicationId, LiveTopic.All);
        }

        SetConnected(_hub.Listening.IsCompletedSuccessfully);
    }

    private void SetConnected(bool connected)
    {
        if (Connected != connected)
        {
            Connected = connected;
            ConnectionChanged?.Invoke(connected);
        }
    }

    private void Dispatch(Guid applicationId, LiveTopic topics)
    {
        if (topics == LiveTopic.None || !_subscribers.TryGetValue(applicationId, out var subscribers))
        {
            return;
        }

        foreach (var subscriber in subscribers.Items)
        {
            try
            {
                subscriber.Changed(topics);
            }
            catch (Exception e)
            {
                LogSubscriberFailed(_logger, e);
            }
        }
    }

    private void Remove(Subscription subscription)
    {
        while (_subscribers.TryGetValue(subscription.ApplicationId, out var current))
        {
            var next = current.Without(subscription);
            if (next.Items.Length == 0
                ? _subscribers.TryRemove(new KeyValuePair<Guid, ImmutableSubscribers>(subscription.ApplicationId, current))
                : _subscribers.TryUpdate(subscription.ApplicationId, next, current))
            {
                return;
            }
        }
    }

    public override void Dispose()
    {
        _hub.Received -= OnNotification;
        _hub.Reset -= OnReset;
        _signal.Dispose();
        base.Dispose();
    }

    private sealed class ImmutableSubscribers(Subscription[] items)
    {
        public Subscription[] Items { get; } = items;

        public ImmutableSubscribers With(Subscription s) => new([.. Items, s]);

        public ImmutableSubscribers Without(Subscription s) => new(Items.Where(x => !ReferenceEquals(x, s)).ToArray());
    }

    private sealed class Subscription(LiveUpdates owner, Guid applicationId, Action<LiveTopic> changed) : IDisposable
    {
        private int _disposed;

        public Guid ApplicationId { get; } = applicationId;

        public Action<LiveTopic> Changed { get; } = changed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Remove(this);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send live notices; delivered them to this instance only")]
    private static partial void LogNotifyFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A live-update subscriber failed")]
    private static partial void LogSubscriberFailed(ILogger logger, Exception exception);
}
