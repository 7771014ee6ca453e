using System.Threading.Channels;
using Hook0.Modules.Delivery.ListRequestAttempts;
using Hook0.Modules.Kernel.Live;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Hook0.Modules.Delivery.StreamRequestAttempts;

/// <summary>
/// The live tails open on this instance, one feed per application shared by all its streams: the feed reads the
/// history when the application's live notice says attempts changed (<see cref="ILiveUpdates"/>: a NOTIFY from any
/// instance) and once a second while streams are open (the horizon moves with time, not only with notices). Streams at
/// the same cursor share one read; after a read that was not full every stream moves to the horizon, so streams that
/// joined at different moments converge to one read per wake-up per application, however many watch it. A stream
/// resuming from an old Last-Event-ID catches up with its own reads until it joins the others.
/// </summary>
internal sealed partial class AttemptTail(NpgsqlDataSource db, ILiveUpdates live, IOptions<AttemptStreamOptions> options,
    ILogger<AttemptTail> logger)
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    private readonly NpgsqlDataSource _db = db;
    private readonly ILiveUpdates _live = live;
    private readonly IOptions<AttemptStreamOptions> _options = options;
    private readonly ILogger<AttemptTail> _logger = logger;
    private readonly Dictionary<Guid, Feed> _feeds = [];
    private readonly Dictionary<string, int> _perCredential = new(StringComparer.Ordinal);
    private int _total;

    /// <summary>
    /// Opens a stream of the application's finished attempts (of one subscription when given) after
    /// <paramref name="after"/>, or from now; null when the credential or the instance holds as many streams as allowed.
    /// </summary>
    public TailStream? Open(Guid applicationId, Guid? subscriptionId, AttemptCursor? after, string credential)
    {
        var o = _options.Value;
        lock (_feeds)
        {
            if (_total >= o.MaxPerInstance || _perCredential.GetValueOrDefault(credential) >= o.MaxPerCredential)
            {
                return null;
            }

            _total++;
            _perCredential[credential] = _perCredential.GetValueOrDefault(credential) + 1;
            if (!_feeds.TryGetValue(applicationId, out var feed))
            {
                feed = new Feed(this, applicationId);
                _feeds[applicationId] = feed;
                feed.Start();
            }

            // A stream from now joins the feed's shared cursor when it has one (it is at most a second behind now), else
            // starts at the database's now on its first read (null).
            var stream = new TailStream(this, feed, subscriptionId, credential, after ?? feed.SharedCursor);
            feed.Streams.Add(stream);
            feed.Wake();
            return stream;
        }
    }

    private void Close(TailStream stream)
    {
        lock (_feeds)
        {
            if (!stream.Feed.Streams.Remove(stream))
            {
                return;
            }

            _total--;
            if (--_perCredential[stream.Credential] == 0)
            {
                _perCredential.Remove(stream.Credential);
            }

            if (stream.Feed.Streams.Count == 0)
            {
                _feeds.Remove(stream.Feed.ApplicationId);
                stream.Feed.Dispose();
            }
        }
    }

    /// <summary>One application's reader: wakes on its notices and its tick, reads once per distinct cursor.</summary>
    internal sealed class Feed(AttemptTail tail, Guid applicationId) : IDisposable
    {
        private readonly SemaphoreSlim _wake = new(0, 1);
        private readonly CancellationTokenSource _stop = new();
        private IDisposable? _notices;

        public Guid ApplicationId => applicationId;

        /// <summary>Guarded by the tail's lock.</summary>
        public List<TailStream> Streams { get; } = [];

        /// <summary>The cursor every caught-up stream shares (guarded by the tail's lock).</summary>
        public AttemptCursor? SharedCursor { get; private set; }

        public void Start()
        {
            _notices = tail._live.Subscribe(applicationId, topics =>
            {
                if (topics.HasFlag(LiveTopic.Attempts))
                {
                    Wake();
                }
            });
            _ = Task.Run(RunAsync);
        }

        /// <summary>Stops the reader (it disposes its own signals as it ends).</summary>
        public void Dispose()
        {
            _notices?.Dispose();
            _stop.Cancel();
        }

        public void Wake()
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

        private async Task RunAsync()
        {
            var lag = tail._options.Value.LagMs / 1000.0;
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    await _wake.WaitAsync(Tick, _stop.Token);
                    while (await ReadRoundAsync(lag))
                    {
                        // A full batch: more is waiting, read on before sleeping.
                    }
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                // The last stream closed.
            }
            finally
            {
                _stop.Dispose();
                _wake.Dispose();
            }
        }

        /// <summary>One read per distinct cursor; answers whether a read was full (more to read now).</summary>
        private async Task<bool> ReadRoundAsync(double lag)
        {
            List<IGrouping<AttemptCursor?, TailStream>> groups;
            lock (tail._feeds)
            {
                groups = [.. Streams.GroupBy(s => s.Cursor)];
            }

            var more = false;
            foreach (var group in groups)
            {
                List<TailRow> rows;
                DateTime horizon;
                AttemptCursor start;
                try
                {
                    (rows, horizon, start) = await TailSql.ReadAsync(tail._db, applicationId, group.Key, lag, _stop.Token);
                }
                catch (Exception e) when (e is NpgsqlException or TimeoutException)
                {
                    // The next tick tries again from the same cursors: nothing is skipped.
                    LogReadFailed(tail._logger, applicationId, e);
                    return false;
                }

                var full = rows.Count == TailSql.Batch;
                more |= full;
                var next = full ? rows[^1].Cursor : Max(start, Max(rows.Count > 0 ? rows[^1].Cursor : start, new AttemptCursor(horizon, AttemptKeyset.LastId)));
                lock (tail._feeds)
                {
                    foreach (var stream in group)
                    {
                        stream.Deliver(rows, next);
                    }

                    var cursors = Streams.Select(s => s.Cursor).Distinct().ToList();
                    SharedCursor = cursors is [{ } shared] ? shared : SharedCursor;
                }
            }

            return more;
        }

        private static AttemptCursor Max(AttemptCursor a, AttemptCursor b)
            => a.Date != b.Date ? (a.Date > b.Date ? a : b)
                : string.CompareOrdinal(AttemptKeyset.SortKey(a.Id), AttemptKeyset.SortKey(b.Id)) >= 0 ? a : b;
    }

    /// <summary>One open stream: what the feed read for it, in order, until it is disposed.</summary>
    internal sealed class TailStream(AttemptTail tail, Feed feed, Guid? subscriptionId, string credential, AttemptCursor? cursor) : IDisposable
    {
        // A stream that does not keep up is closed rather than buffered without bound: its client resumes from the
        // last id it got, so nothing is lost.
        private readonly Channel<TailRow> _rows = Channel.CreateBounded<TailRow>(new BoundedChannelOptions(1000) { SingleReader = true });
        private readonly TaskCompletionSource _positioned = cursor is null ? new(TaskCreationOptions.RunContinuationsAsynchronously) : CompletedSource();

        internal Feed Feed => feed;

        internal string Credential => credential;

        /// <summary>Where the next read starts, null for the database's now (guarded by the tail's lock).</summary>
        internal AttemptCursor? Cursor { get; private set; } = cursor;

        public ChannelReader<TailRow> Rows => _rows.Reader;

        /// <summary>Completes once the stream has a position (a stream from now gets it at its first read): from then on nothing finishing is missed.</summary>
        public Task Positioned => _positioned.Task;

        private static TaskCompletionSource CompletedSource()
        {
            var done = new TaskCompletionSource();
            done.SetResult();
            return done;
        }

        internal void Deliver(IReadOnlyList<TailRow> rows, AttemptCursor next)
        {
            foreach (var row in rows)
            {
                if ((subscriptionId is null || row.Row.SubscriptionId == subscriptionId) && !_rows.Writer.TryWrite(row))
                {
                    _rows.Writer.TryComplete(new TailOverflowException());
                    _positioned.TrySetResult();
                    return;
                }
            }

            Cursor = next;
            _positioned.TrySetResult();
        }

        public void Dispose()
        {
            _rows.Writer.TryComplete();
            tail.Close(this);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the attempt tail of application {ApplicationId} failed; retrying")]
    private static partial void LogReadFailed(ILogger logger, Guid applicationId, Exception exception);
}

/// <summary>A stream fell too far behind its feed and is closed (the client resumes with Last-Event-ID).</summary>
internal sealed class TailOverflowException : Exception
{
    public TailOverflowException()
        : base("The stream fell behind.")
    {
    }

    public TailOverflowException(string message)
        : base(message)
    {
    }

    public TailOverflowException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
