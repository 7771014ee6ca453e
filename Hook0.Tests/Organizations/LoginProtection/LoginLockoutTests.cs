using System.Net.Http.Json;
using Hook0.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Hook0.Tests.Organizations.LoginProtection;

/// <summary>
/// Finding 3 of issue 19: password guessing is bounded per account (stored in <c>iam</c>, atomic,
/// across restarts) and per client address; a locked account answers exactly as a wrong password.
/// </summary>
public sealed class LoginLockoutTests : ApiTest
{
    private const string Email = "ada@example.com";
    private const string Wrong = "not-the-password-1";

    [Test]
    public async Task Ten_failures_lock_the_account_and_the_right_password_is_then_refused_like_a_wrong_one()
    {
        await using var host = new LoginProtectionHost();
        var (ada, _) = await host.Accounts.UserAsync(Email);
        var wrongAnswer = await FailTimesAsync(host, 10);

        // Locked: the right password gets the very answer a wrong one gets.
        var whileLocked = await host.LoginAsync(Email, UserAccounts.Password);
        Assert.That(whileLocked, Is.EqualTo(wrongAnswer));
        var locked = host.Logs.Lines.Where(l => l.Message.Contains("locked until", StringComparison.Ordinal)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(locked, Has.Count.EqualTo(1), "one log line per lockout");
            Assert.That(locked[0].Level, Is.EqualTo(LogLevel.Warning));
            Assert.That(locked[0].Message, Does.Not.Contain(UserAccounts.Password).And.Not.Contain(Wrong));
            Assert.That(host.Factory.Mailbox.LinksFor(Email).Count(l => l.EndsWith("/forgot-password", StringComparison.Ordinal)), Is.EqualTo(1),
                "the owner is e-mailed once");
        });
        // Issue #28: the owner's audit records (shown on their account page): each failure, and the one lockout.
        Assert.Multiple(async () =>
        {
            Assert.That(await AccountEventsAsync(ada.UserId, "lockout"), Is.EqualTo(1));
            Assert.That(await AccountEventsAsync(ada.UserId, "sign_in_failed"), Is.EqualTo(11), "ten wrong passwords and the right one while locked");
        });

        // Another user is not affected, and the lock ends on its own.
        await host.Accounts.UserAsync("grace@example.com", "Grace", "Hopper");
        Assert.That((await host.LoginAsync("grace@example.com", UserAccounts.Password)).Status, Is.EqualTo(201));
        host.Clock.Advance(TimeSpan.FromSeconds(899));
        Assert.That(await host.LoginAsync(Email, UserAccounts.Password), Is.EqualTo(wrongAnswer));
        host.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.That((await host.LoginAsync(Email, UserAccounts.Password)).Status, Is.EqualTo(201));
        Assert.That(await FailuresAsync(), Is.Zero, "a success clears the count");
    }

    [Test]
    public async Task After_five_failures_each_try_waits_longer()
    {
        await using var host = new LoginProtectionHost();
        await host.Accounts.UserAsync(Email);
        await FailTimesAsync(host, 5);

        // The fifth failure makes the account wait 1 s; a try meanwhile is refused unchecked, and not counted.
        Assert.That((await host.LoginAsync(Email, UserAccounts.Password)).Status, Is.EqualTo(401));
        Assert.That(await FailuresAsync(), Is.EqualTo(5));
        host.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.That((await host.LoginAsync(Email, Wrong)).Status, Is.EqualTo(401));
        Assert.That(await LockedForAsync(host), Is.EqualTo(TimeSpan.FromSeconds(2)), "the sixth failure waits 2 s");
        host.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.That((await host.LoginAsync(Email, UserAccounts.Password)).Status, Is.EqualTo(201));
    }

    [Test]
    public async Task Concurrent_guesses_never_check_more_passwords_than_the_threshold()
    {
        await using var host = new LoginProtectionHost();
        await host.Accounts.UserAsync(Email);
        var answers = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => host.LoginAsync(Email, $"{Wrong}-{i}", $"198.51.100.{i + 1}")));
        Assert.That(answers.Select(a => a.Status), Is.All.EqualTo(401));
        Assert.That(await FailuresAsync(), Is.EqualTo(5), "tries are claimed before the check: 5 checked, the rest refused unchecked");
    }

    [Test]
    public async Task A_password_reset_unlocks_the_account()
    {
        await using var host = new LoginProtectionHost();
        await host.Accounts.UserAsync(Email);
        await FailTimesAsync(host, 10);
        using var client = host.Factory.CreateClient();
        Assert.That((int)(await client.PostAsJsonAsync("/api/v1/auth/begin-reset-password", new { email = Email })).StatusCode, Is.EqualTo(204));
        var token = host.Factory.Mailbox.LatestToken(Email, "/reset-password");
        Assert.That((int)(await client.PostAsJsonAsync("/api/v1/auth/reset-password", new { token, new_password = "Another-Horse-Battery-43" })).StatusCode, Is.EqualTo(204));

        Assert.That((await host.LoginAsync(Email, "Another-Horse-Battery-43")).Status, Is.EqualTo(201));
    }

    [Test]
    public async Task The_lockout_survives_a_restart_and_holds_on_another_instance()
    {
        var clock = LoginProtectionHost.WholeSecondClock();
        (int, string) wrongAnswer;
        await using (var first = new LoginProtectionHost(clock: clock))
        {
            await first.Accounts.UserAsync(Email);
            wrongAnswer = await FailTimesAsync(first, 10);
        }

        await using var second = new LoginProtectionHost(clock: clock);
        Assert.That(await second.LoginAsync(Email, UserAccounts.Password), Is.EqualTo(wrongAnswer));
    }

    [Test]
    public async Task Each_address_is_throttled_even_with_API_rate_limiting_switched_off()
    {
        await using var host = new LoginProtectionHost(new Dictionary<string, string?>
        {
            ["DISABLE_API_RATE_LIMITING"] = "true",
            ["AUTH_RATE_LIMITING_IP_BURST_SIZE"] = "3",
            ["AUTH_RATE_LIMITING_IP_REPLENISH_PERIOD_IN_MS"] = "3600000",
        });
        for (var i = 0; i < 3; i++)
        {
            Assert.That((await host.LoginAsync("nobody@example.com", Wrong, "192.0.2.7")).Status, Is.EqualTo(401));
        }

        using var client = host.Factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login") { Content = JsonContent.Create(new { email = "nobody@example.com", password = Wrong }) };
        request.Headers.Add("X-Forwarded-For", "192.0.2.7");
        using var refused = await client.SendAsync(request);
        await AssertProblemAsync(refused, 429, "RateLimited");
        Assert.That(refused.Headers.RetryAfter, Is.Not.Null);

        // Another address still gets in, and the other account routes have their own buckets.
        Assert.That((await host.LoginAsync("nobody@example.com", Wrong, "192.0.2.8")).Status, Is.EqualTo(401));
        for (var i = 0; i < 4; i++)
        {
            using var reset = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/begin-reset-password") { Content = JsonContent.Create(new { email = "nobody@example.com" }) };
            reset.Headers.Add("X-Forwarded-For", "192.0.2.7");
            Assert.That((int)(await client.SendAsync(reset)).StatusCode, Is.EqualTo(i < 3 ? 204 : 429));
        }

        for (var i = 0; i < 4; i++)
        {
            using var refresh = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/refresh");
            refresh.Headers.Add("X-Forwarded-For", "192.0.2.7");
            refresh.Headers.Authorization = new("Bearer", "not-a-token");
            Assert.That((int)(await client.SendAsync(refresh)).StatusCode, Is.EqualTo(i < 3 ? 401 : 429));
        }

        for (var i = 0; i < 4; i++)
        {
            using var register = new HttpRequestMessage(HttpMethod.Post, "/api/v1/register")
            {
                Content = JsonContent.Create(new { first_name = "Ada", last_name = "Lovelace", email = Email, password = UserAccounts.Password }),
            };
            register.Headers.Add("X-Forwarded-For", "192.0.2.7");
            Assert.That((int)(await client.SendAsync(register)).StatusCode, Is.EqualTo(i switch { 0 => 201, < 3 => 409, _ => 429 }),
                "registration keeps upstream's 409 for a known address, and is throttled per address");
        }
    }

    [Test]
    public async Task Password_reset_e_mails_are_sent_at_most_once_a_minute_per_account()
    {
        await using var host = new LoginProtectionHost();
        await host.Accounts.UserAsync(Email);
        using var client = host.Factory.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            Assert.That((int)(await client.PostAsJsonAsync("/api/v1/auth/begin-reset-password", new { email = Email })).StatusCode, Is.EqualTo(204));
        }

        Assert.That(host.Factory.Mailbox.LinksFor(Email).Count(l => l.Contains("/reset-password", StringComparison.Ordinal)), Is.EqualTo(1));
        host.Clock.Advance(TimeSpan.FromSeconds(61));
        await client.PostAsJsonAsync("/api/v1/auth/begin-reset-password", new { email = Email });
        Assert.That(host.Factory.Mailbox.LinksFor(Email).Count(l => l.Contains("/reset-password", StringComparison.Ordinal)), Is.EqualTo(2));
    }

    /// <summary>Fails <paramref name="times"/> logins, letting each wait pass first; answers the last refusal.</summary>
    private static async Task<(int Status, string Body)> FailTimesAsync(LoginProtectionHost host, int times)
    {
        (int Status, string Body) last = default;
        for (var i = 0; i < times; i++)
        {
            host.Clock.Advance(TimeSpan.FromSeconds(20));
            last = await host.LoginAsync(Email, Wrong);
            Assert.That(last.Status, Is.EqualTo(401), last.Body);
        }

        Assert.That(await FailuresAsync(), Is.EqualTo(times));
        return last;
    }

    private static Task<int> FailuresAsync()
        => ApiFixture.Database.ScalarAsync<int>($"SELECT failed_login_count FROM iam.\"user\" WHERE normalized_email = '{Email}'");

    private static async Task<TimeSpan> LockedForAsync(LoginProtectionHost host)
        => await ApiFixture.Database.ScalarAsync<DateTime>($"SELECT login_locked_until FROM iam.\"user\" WHERE normalized_email = '{Email}'")
            - host.Clock.GetUtcNow().UtcDateTime;

    private static Task<long> AccountEventsAsync(Guid userId, string action)
        => Database.ScalarAsync<long>($"SELECT count(*) FROM infrastructure.audit_record WHERE subject_user_id = '{userId}' AND action = '{action}'");
}
