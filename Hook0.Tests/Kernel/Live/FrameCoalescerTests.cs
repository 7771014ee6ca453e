using Hook0.Modules.Dashboard.Common;
using Hook0.Modules.Kernel.Live;
using Microsoft.Extensions.Time.Testing;

namespace Hook0.Tests.Kernel.Live;

/// <summary>Thousands of notices become a few refreshes: at most one per frame, none lost.</summary>
public sealed class FrameCoalescerTests
{
    private static readonly TimeSpan Frame = TimeSpan.FromMilliseconds(250);

    [Test]
    public void A_flood_within_one_frame_costs_one_immediate_refresh_and_one_at_the_frames_end()
    {
        var time = new FakeTimeProvider();
        var refreshed = new List<LiveTopic>();
        using var coalescer = new FrameCoalescer(Frame, t => { refreshed.Add(t); return Task.CompletedTask; }, time);

        coalescer.Notify(LiveTopic.Events);
        for (var i = 0; i < 10_000; i++)
        {
            coalescer.Notify(i % 2 == 0 ? LiveTopic.Attempts : LiveTopic.Events);
        }

        Assert.That(refreshed, Is.EqualTo(new[] { LiveTopic.Events }), "the first notice after a quiet spell shows at once");
        time.Advance(Frame - TimeSpan.FromMilliseconds(1));
        Assert.That(refreshed, Has.Count.EqualTo(1), "nothing more within the frame");
        time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Multiple(() =>
        {
            Assert.That(refreshed, Is.EqualTo(new[] { LiveTopic.Events, LiveTopic.Events | LiveTopic.Attempts }), "the rest merged into one");
            Assert.That(coalescer.Notices, Is.EqualTo(10_001));
            Assert.That(coalescer.Refreshes, Is.EqualTo(2));
        });
        time.Advance(Frame * 10);
        Assert.That(refreshed, Has.Count.EqualTo(2), "no notice, no refresh");
    }

    [Test]
    public void A_sustained_stream_refreshes_once_per_frame()
    {
        var time = new FakeTimeProvider();
        var refreshes = 0;
        using var coalescer = new FrameCoalescer(Frame, _ => { refreshes++; return Task.CompletedTask; }, time);

        // 4,000 notices a second for ten seconds.
        for (var ms = 0; ms < 10_000; ms++)
        {
            for (var i = 0; i < 4; i++)
            {
                coalescer.Notify(LiveTopic.Attempts);
            }

            time.Advance(TimeSpan.FromMilliseconds(1));
        }

        time.Advance(Frame);
        Assert.That(refreshes, Is.InRange(40, 41), "10 s / 250 ms frames, plus the first at once");
    }

    [Test]
    public async Task Notices_during_a_running_refresh_give_exactly_one_more_after_it()
    {
        var time = new FakeTimeProvider();
        var release = new TaskCompletionSource();
        var seen = new List<LiveTopic>();
        using var coalescer = new FrameCoalescer(Frame, async t =>
        {
            seen.Add(t);
            if (seen.Count == 1)
            {
                await release.Task;
            }
        }, time);

        coalescer.Notify(LiveTopic.Events);
        time.Advance(Frame * 3); // the first refresh is slow: still running after three frames
        coalescer.Notify(LiveTopic.Attempts);
        coalescer.Notify(LiveTopic.Subscriptions);
        Assert.That(seen, Has.Count.EqualTo(1), "never two refreshes at once");

        release.SetResult();
        await Task.Yield();
        for (var i = 0; i < 50 && seen.Count < 2; i++)
        {
            await Task.Delay(10);
        }

        Assert.That(seen, Is.EqualTo(new[] { LiveTopic.Events, LiveTopic.Attempts | LiveTopic.Subscriptions }),
            "a frame has passed since the slow refresh started, so the next runs as soon as it ends");
    }

    [Test]
    public void A_failing_refresh_does_not_stop_later_ones_and_dispose_stops_everything()
    {
        var time = new FakeTimeProvider();
        var calls = 0;
        var coalescer = new FrameCoalescer(Frame, _ => ++calls == 1 ? throw new InvalidOperationException("boom") : Task.CompletedTask, time);

        coalescer.Notify(LiveTopic.Events);
        time.Advance(Frame);
        coalescer.Notify(LiveTopic.Events);
        Assert.That(calls, Is.EqualTo(2));

        coalescer.Notify(LiveTopic.Events);
        coalescer.Dispose();
        time.Advance(Frame * 4);
        coalescer.Notify(LiveTopic.Events);
        Assert.That(calls, Is.EqualTo(2), "nothing after dispose");
    }
}
