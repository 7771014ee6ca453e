using Hook0.Modules.Dashboard.Sessions;
using Hook0.Modules.Organizations.Contracts;

namespace Hook0.Tests.Dashboard;

/// <summary>Refresh tokens are single-use: a session refreshes once however many circuits (tabs) ask.</summary>
public sealed class DashboardSessionTests
{
    private static readonly DateTime Now = new(2026, 11, 29, 12, 0, 0, DateTimeKind.Utc);

    private static LoginResponse Tokens(string access, DateTime expires)
        => new(access, expires, "refresh-" + access, expires.AddMinutes(30), Guid.NewGuid(), "ada@example.com", "Ada", "Lovelace");

    [Test]
    public async Task Concurrent_callers_share_one_refresh_when_the_token_is_about_to_expire()
    {
        var session = new DashboardSession("s", Tokens("old", Now.AddSeconds(30)));
        var calls = 0;
        var release = new TaskCompletionSource();
        async Task<LoginResponse?> Refresh(string refreshToken)
        {
            Interlocked.Increment(ref calls);
            Assert.That(refreshToken, Is.EqualTo("refresh-old"));
            await release.Task;
            return Tokens("new", Now.AddMinutes(5));
        }

        var waiting = Enumerable.Range(0, 5).Select(_ => session.EnsureFreshAsync(Refresh, Now)).ToList();
        release.SetResult();
        var results = await Task.WhenAll(waiting);

        Assert.Multiple(() =>
        {
            Assert.That(calls, Is.EqualTo(1));
            Assert.That(results, Is.All.True);
            Assert.That(session.Tokens.AccessToken, Is.EqualTo("new"));
        });
    }

    [Test]
    public async Task A_token_with_time_left_is_not_refreshed_unless_asked()
    {
        var session = new DashboardSession("s", Tokens("current", Now.AddMinutes(4)));
        var calls = 0;
        Task<LoginResponse?> Refresh(string _) { calls++; return Task.FromResult<LoginResponse?>(Tokens("forced", Now.AddMinutes(5))); }

        Assert.That(await session.EnsureFreshAsync(Refresh, Now), Is.True);
        Assert.That(calls, Is.Zero);
        Assert.That(await session.EnsureFreshAsync(Refresh, Now, force: true), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(calls, Is.EqualTo(1));
            Assert.That(session.Tokens.AccessToken, Is.EqualTo("forced"));
        });
    }

    [Test]
    public async Task A_refused_refresh_ends_the_session_but_a_failure_to_ask_does_not()
    {
        var session = new DashboardSession("s", Tokens("old", Now));
        Assert.ThrowsAsync<TimeoutException>(() => session.EnsureFreshAsync(_ => throw new TimeoutException(), Now));
        Assert.That(session.Ended, Is.False, "a database hiccup does not log the user out");

        Assert.That(await session.EnsureFreshAsync(_ => Task.FromResult<LoginResponse?>(null), Now), Is.False);
        Assert.That(session.Ended, Is.True);
        Assert.That(await session.EnsureFreshAsync(_ => Task.FromResult<LoginResponse?>(Tokens("late", Now.AddMinutes(5))), Now), Is.False,
            "an ended session stays ended");
    }
}
