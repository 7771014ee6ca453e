using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Organizations.Contracts;
using Hook0.Modules.Organizations.DashboardSessions;
using Hook0.Tests.Infrastructure;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Hook0.Tests.Organizations.DashboardSessions;

/// <summary>
/// Dashboard sessions kept by Organizations (issue #23, item 8), through its contract on a host whose clock the
/// test moves: the idle and absolute lifetimes, signing out one session or everywhere, a password change ending
/// every session, refreshes shared under the row lock, and the purge.
/// </summary>
[NonParallelizable]
public sealed class DashboardSessionLifetimeTests : ApiTest
{
    private const int IdleSeconds = 3600;
    private const int AbsoluteSeconds = 4 * 3600;

    private FakeTimeProvider _clock = null!;
    private Hook0Factory _factory = null!;

    [SetUp]
    public void StartHost()
    {
        _clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
        _factory = new Hook0Factory(Database, new Dictionary<string, string?>
        {
            ["AUTO_VERIFY_USERS"] = "true",
            ["DASHBOARD_SESSION_IDLE_TIMEOUT_IN_S"] = $"{IdleSeconds}",
            ["DASHBOARD_SESSION_ABSOLUTE_TIMEOUT_IN_S"] = $"{AbsoluteSeconds}",
            ["HOUSEKEEPING_ENABLED"] = "false",
        }, services => services.AddSingleton<TimeProvider>(_clock));
    }

    [TearDown]
    public ValueTask StopHostAsync() => _factory.DisposeAsync();

    [Test]
    public async Task A_session_opened_at_sign_in_is_resumed_by_its_secret_and_by_nothing_else()
    {
        var secret = await SignInAsync("ada@example.com");

        var state = await SendAsync(new ResumeDashboardSessionCommand(secret));
        Assert.That(state, Is.Not.Null);
        var caller = await SendAsync(new AuthenticateQuery(state!.AccessToken));
        Assert.Multiple(async () =>
        {
            Assert.That(state.Email, Is.EqualTo("ada@example.com"));
            Assert.That(caller?.UserId, Is.EqualTo(state.UserId));
            Assert.That(caller?.SessionId, Is.EqualTo(state.SessionId), "the dashboard session is the token session");
            Assert.That(await SendAsync(new ResumeDashboardSessionCommand(secret[..^1] + (secret[^1] == 'A' ? 'B' : 'A'))), Is.Null);
            Assert.That(await SendAsync(new ResumeDashboardSessionCommand(new string('a', 10_000))), Is.Null, "an oversized secret is refused unhashed");
            Assert.That(await Database.ScalarAsync<long>($"SELECT count(*) FROM iam.dashboard_session WHERE octet_length(lookup_hash) = 32 AND position(convert_to('{secret}', 'UTF8') IN lookup_hash) = 0"),
                Is.EqualTo(1), "only a keyed hash of the secret is stored (32 bytes, not the secret)");
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM iam.dashboard_session WHERE sealed_access_token LIKE 'v1:%' AND sealed_refresh_token LIKE 'v1:%'"), Is.EqualTo(1),
                "the tokens are sealed at rest");
        });
    }

    [Test]
    public async Task A_session_unused_for_the_idle_lifetime_ends_and_use_keeps_it_alive()
    {
        var idle = await SignInAsync("idle@example.com");
        var used = await SignInAsync("idle@example.com");

        _clock.Advance(TimeSpan.FromSeconds(IdleSeconds - 60));
        Assert.That(await SendAsync(new ResumeDashboardSessionCommand(used)), Is.Not.Null, "used just before its idle end");
        _clock.Advance(TimeSpan.FromSeconds(61));

        Assert.Multiple(async () =>
        {
            Assert.That(await SendAsync(new ResumeDashboardSessionCommand(idle)), Is.Null, "unused for the idle lifetime: ended");
            Assert.That(await SendAsync(new ResumeDashboardSessionCommand(used)), Is.Not.Null, "its last use moved its idle end");
        });
    }

    [Test]
    public async Task A_session_ends_at_its_absolute_lifetime_however_active()
    {
        var secret = await SignInAsync("busy@example.com");
        for (var elapsed = 0; elapsed < AbsoluteSeconds - IdleSeconds / 2; elapsed += IdleSeconds / 2)
        {
            _clock.Advance(TimeSpan.FromSeconds(IdleSeconds / 2));
            Assert.That(await SendAsync(new ResumeDashboardSessionCommand(secret)), Is.Not.Null, $"active, {elapsed + IdleSeconds / 2} s after sign-in");
        }

        _clock.Advance(TimeSpan.FromSeconds(IdleSeconds / 2));
        Assert.That(await SendAsync(new ResumeDashboardSessionCommand(secret)), Is.Null, "past the absolute lifetime");
    }

    [Test]
    public async Task Signing_out_one_session_ends_it_only_and_never_another_users()
    {
        var mine = await SignInAsync("ada@example.com");
        var other = await SignInAsync("ada@example.com");
        var stranger = await SignInAsync("eve@example.com");
        var caller = await CallerAsync(mine);
        var otherId = (await SendAsync(new ResumeDashboardSessionCommand(other)))!.SessionId;
        var strangerId = (await SendAsync(new ResumeDashboardSessionCommand(stranger)))!.SessionId;

        var listed = (await SendAsync(new ListDashboardSessionsQuery(caller))).Sessions;
        Assert.That(listed, Has.Count.EqualTo(2), "the user's own two sessions");
        Assert.That(await SendAsync(new EndDashboardSessionsCommand(caller, strangerId)), Is.Zero, "another user's session is not found");
        Assert.That(await SendAsync(new EndDashboardSessionsCommand(caller, otherId)), Is.EqualTo(1));

        Assert.Multiple(async () =>
        {
            Assert.That(await SendAsync(new ResumeDashboardSessionCommand(other)), Is.Null, "the session signed out");
            Assert.That(await SendAsync(new ResumeDashboardSessionCommand(mine)), Is.Not.Null);
            Assert.That(await SendAsync(new ResumeDashboardSessionCommand(stranger)), Is.Not.Null, "the other user's session is untouched");
            Assert.That((await SendAsync(new ListDashboardSessionsQuery(caller))).Sessions.Select(s => s.Id), Is.EqualTo(new[] { caller.SessionId }));
        });
    }

    [Test]
    public async Task Signing_out_everywhere_ends_every_session_of_the_user_the_apis_included()
    {
        var one = await SignInAsync("ada@example.com");
        var two = await SignInAsync("ada@example.com");
        var api = await new UserAccounts(_factory).LoginAsync("ada@example.com");
        var caller = await CallerAsync(one);

        Assert.That(await SendAsync(new EndDashboardSessionsCommand(caller, null)), Is.EqualTo(2));
        Assert.Multiple(async () =>
        {
            Assert.That(await SendAsync(new ResumeDashboardSessionCommand(one)), Is.Null);
            Assert.That(await SendAsync(new ResumeDashboardSessionCommand(two)), Is.Null);
            Assert.That(await SendAsync(new AuthenticateQuery(api.AccessToken)), Is.Null, "the API session ended too");
        });
    }

    [Test]
    public async Task Changing_the_password_ends_the_users_other_sessions()
    {
        var here = await SignInAsync("ada@example.com");
        var elsewhere = await SignInAsync("ada@example.com");
        var caller = await CallerAsync(here);

        await SendAsync(new ChangePasswordCommand(caller, "Staple-Lantern-Orbit-77", UserAccounts.Password));

        Assert.That(await SendAsync(new ResumeDashboardSessionCommand(elsewhere)), Is.Null, "the other session ended");
        // As upstream, this session ends too: the dashboard sends the user to log in again with the new password.
        Assert.That(await SendAsync(new ResumeDashboardSessionCommand(here)), Is.Null);
    }

    [Test]
    public async Task Circuits_and_instances_that_find_the_token_expiring_refresh_it_once_and_share_it()
    {
        var secret = await SignInAsync("ada@example.com");
        var before = (await SendAsync(new ResumeDashboardSessionCommand(secret)))!.AccessToken;
        _clock.Advance(TimeSpan.FromMinutes(30)); // past the access token's lifetime, within the idle one

        var resumed = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => SendAsync(new ResumeDashboardSessionCommand(secret))));

        Assert.Multiple(async () =>
        {
            Assert.That(resumed, Has.All.Not.Null, "no concurrent resume lost the session by spending a used refresh token");
            Assert.That(resumed.Select(r => r!.AccessToken).Distinct().Count(), Is.EqualTo(1), "one refresh, shared by all");
            Assert.That(resumed[0]!.AccessToken, Is.Not.EqualTo(before));
            Assert.That(await SendAsync(new AuthenticateQuery(resumed[0]!.AccessToken)), Is.Not.Null, "the shared token is live");
        });
    }

    [Test]
    public async Task The_purge_deletes_revoked_idle_and_expired_sessions_and_keeps_live_ones()
    {
        var revoked = await SignInAsync("ada@example.com");
        var idle = await SignInAsync("ada@example.com");
        var live = await SignInAsync("ada@example.com");
        await SendAsync(new EndDashboardSessionsCommand(await CallerAsync(live), (await SendAsync(new ResumeDashboardSessionCommand(revoked)))!.SessionId));
        _clock.Advance(TimeSpan.FromSeconds(IdleSeconds - 10));
        Assert.That(await SendAsync(new ResumeDashboardSessionCommand(live)), Is.Not.Null);
        _clock.Advance(TimeSpan.FromSeconds(20));

        var purged = await _factory.Services.GetRequiredService<DashboardSessionPurgeJob>().RunOnceAsync(CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(purged, Is.EqualTo(2), "the revoked and the idle one");
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM iam.dashboard_session"), Is.EqualTo(1));
            Assert.That(await SendAsync(new ResumeDashboardSessionCommand(live)), Is.Not.Null);
            Assert.That(await SendAsync(new ResumeDashboardSessionCommand(idle)), Is.Null);
        });
    }

    private async Task<string> SignInAsync(string email)
    {
        var accounts = new UserAccounts(_factory);
        if (await Database.ScalarAsync<long>($"SELECT count(*) FROM iam.user WHERE email = '{email}'") == 0)
        {
            await accounts.RegisterAsync(email);
        }

        var tokens = await SendAsync(new LoginCommand(email, UserAccounts.Password));
        return await SendAsync(new OpenDashboardSessionCommand(tokens, "Mozilla/5.0 (test)", "203.0.113.7"));
    }

    private async Task<Caller> CallerAsync(string secret)
        => await SendAsync(new AuthenticateQuery((await SendAsync(new ResumeDashboardSessionCommand(secret)))!.AccessToken))
            ?? throw new AssertionException("the session's token authenticates");

    private async Task<T> SendAsync<T>(ICommand<T> command)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
    }

    private async Task<T> SendAsync<T>(IQuery<T> query)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(query);
    }
}
