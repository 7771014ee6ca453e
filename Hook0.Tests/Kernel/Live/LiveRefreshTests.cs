using Bunit;
using Hook0.Modules.Dashboard.Common;
using Hook0.Modules.Kernel.Live;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;

namespace Hook0.Tests.Kernel.Live;

/// <summary>The page's live indicator: subscribes to its applications, reloads the page coalesced, pauses on a click.</summary>
public sealed class LiveRefreshTests
{
    [Test]
    public async Task Notices_for_the_pages_applications_and_topics_reload_it_once_per_frame_and_a_click_pauses()
    {
        await using var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        var feed = new ManualFeed();
        context.Services.AddSingleton<ILiveUpdates>(feed);
        var time = new FakeTimeProvider();
        var app = Guid.NewGuid();
        var reloads = new List<LiveTopic>();

        var component = context.Render<LiveRefresh>(p => p
            .Add(c => c.ApplicationIds, new[] { app })
            .Add(c => c.Topics, LiveTopic.Attempts)
            .Add(c => c.Time, time)
            .Add(c => c.OnChange, t => reloads.Add(t)));

        Assert.That(component.Find("[data-test=live-indicator]").GetAttribute("data-live-state"), Is.EqualTo("live"));
        for (var i = 0; i < 5_000; i++)
        {
            feed.Raise(app, LiveTopic.Attempts | LiveTopic.Events);
        }

        feed.Raise(Guid.NewGuid(), LiveTopic.Attempts);
        feed.Raise(app, LiveTopic.Events); // not a topic of this page
        time.Advance(TimeSpan.FromMilliseconds(250));
        Assert.That(reloads, Is.EqualTo(new[] { LiveTopic.Attempts, LiveTopic.Attempts }), "5,000 notices: one reload at once, one at the frame's end, only the page's topic");

        component.Find("[data-test=live-indicator]").Click();
        Assert.That(component.Find("[data-test=live-indicator]").GetAttribute("data-live-state"), Is.EqualTo("paused"));
        feed.Raise(app, LiveTopic.Attempts);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.That(reloads, Has.Count.EqualTo(2), "paused: no reload");

        component.Find("[data-test=live-indicator]").Click();
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.That(reloads, Has.Count.EqualTo(3), "resuming shows what was missed");

        feed.SetConnected(false);
        component.WaitForAssertion(() =>
            Assert.That(component.Find("[data-test=live-indicator]").GetAttribute("data-live-state"), Is.EqualTo("reconnecting")));

        await context.DisposeComponentsAsync();
        Assert.That(feed.Subscribers, Is.Zero, "leaving the page unsubscribes");
    }

    /// <summary>A live feed driven by the test.</summary>
    private sealed class ManualFeed : ILiveUpdates
    {
        private readonly List<(Guid App, Action<LiveTopic> Changed)> _subscribers = [];

        public int Subscribers => _subscribers.Count;

        public bool Connected { get; private set; } = true;

        public event Action<bool>? ConnectionChanged;

        public void Publish(Guid applicationId, LiveTopic topics) => Raise(applicationId, topics);

        public IDisposable Subscribe(Guid applicationId, Action<LiveTopic> changed)
        {
            var entry = (applicationId, changed);
            _subscribers.Add(entry);
            return new Unsubscriber(() => _subscribers.Remove(entry));
        }

        public void Raise(Guid applicationId, LiveTopic topics)
        {
            foreach (var (app, changed) in _subscribers.ToList())
            {
                if (app == applicationId)
                {
                    changed(topics);
                }
            }
        }

        public void SetConnected(bool connected)
        {
            Connected = connected;
            ConnectionChanged?.Invoke(connected);
        }

        private sealed class Unsubscriber(Action dispose) : IDisposable
        {
            public void Dispose() => dispose();
        }
    }
}
