using Hook0.Modules.Kernel.Live;

namespace Hook0.Modules.Dashboard.Common;

/// <summary>
/// Turns any number of change notices into at most one refresh per frame: the first notice after a
/// quiet spell refreshes at once, later ones within the frame merge into a single refresh at the
/// frame's end, and notices arriving while a refresh runs give exactly one more after it. Thousands of
/// notices a second therefore cost a page a few renders a second, never a flood.
/// </summary>
public sealed class FrameCoalescer : IDisposable
{
    private readonly Func<LiveTopic, Task> _refresh;
    private readonly TimeProvider _time;
    private readonly TimeSpan _frame;
    private readonly Lock _gate = new();
    private LiveTopic _pending;
    private bool _running;
    private bool _scheduled;
    private long _lastStart = long.MinValue;
    private ITimer? _timer;
    private bool _disposed;

    public FrameCoalescer(TimeSpan frame, Func<LiveTopic, Task> refresh, TimeProvider? time = null)
    {
        _frame = frame;
        _refresh = refresh;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>How many refreshes ran (shown in tests and the indicator's tooltip).</summary>
    public int Refreshes { get; private set; }

    /// <summary>How many notices were received.</summary>
    public long Notices { get; private set; }

    /// <summary>Records a change; refreshes now or schedules the frame's single refresh.</summary>
    public void Notify(LiveTopic topics)
    {
        TimeSpan? wait;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            Notices++;
            _pending |= topics;
            if (_running || _scheduled)
            {
                return;
            }

            wait = UntilNextFrame();
            _scheduled = true;
        }

        Schedule(wait.Value);
    }

    private TimeSpan UntilNextFrame()
    {
        if (_lastStart == long.MinValue)
        {
            return TimeSpan.Zero;
        }

        var since = _time.GetElapsedTime(_lastStart);
        return since >= _frame ? TimeSpan.Zero : _frame - since;
    }

    private void Schedule(TimeSpan wait)
    {
        if (wait <= TimeSpan.Zero)
        {
            _ = RunAsync();
            return;
        }

        lock (_gate)
        {
            _timer?.Dispose();
            _timer = _time.CreateTimer(_ => _ = RunAsync(), null, wait, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task RunAsync()
    {
        LiveTopic topics;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            topics = _pending;
            _pending = LiveTopic.None;
            _scheduled = false;
            _running = true;
            _lastStart = _time.GetTimestamp();
            Refreshes++;
        }

        try
        {
            await _refresh(topics);
        }
        catch
        {
            // The page reports its own load failures; a failed refresh must not stop later ones.
        }
        finally
        {
            TimeSpan? wait = null;
            lock (_gate)
            {
                _running = false;
                if (_pending != LiveTopic.None && !_disposed)
                {
                    _scheduled = true;
                    wait = UntilNextFrame();
                }
            }

            if (wait is { } w)
            {
                Schedule(w);
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _timer?.Dispose();
        }
    }
}
