using System.Collections.Concurrent;
using Hook0.Tests.FaultInjection;
using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.Organizations.LoginProtection;

/// <summary>
/// The brute-force proof of issue 19: one account attacked from many client addresses at once. Reduced
/// in the normal run; full size with <c>HOOK0_FAULT_SIZE=full bash scripts/test.sh --filter
/// FullyQualifiedName~BruteForce</c>. The host's clock is moved between rounds, as time passing would,
/// so the attack lives through the growing delays into the lockout.
/// </summary>
[Category(FaultSize.Category)]
public sealed class BruteForceTests : ApiTest
{
    private const string Victim = "victim@example.com";
    private const int LockoutAfter = 10;

    [Test]
    public async Task The_lockout_holds_against_many_addresses_while_another_user_signs_in()
    {
        var addresses = FaultSize.Pick(6, 40);
        var rounds = FaultSize.Pick(12, 40);
        var perRound = FaultSize.Pick(2, 10);
        // The per-address buckets refill on the real clock, which the test does not move: a burst of ten
        // rounds' guesses lets every address reach the account through the delays into the lockout
        // (about six rounds) whatever the machine's speed, and still runs dry before the attack ends.
        await using var host = new LoginProtectionHost(new Dictionary<string, string?>
        {
            ["AUTH_RATE_LIMITING_IP_BURST_SIZE"] = (perRound * 10).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["AUTH_RATE_LIMITING_IP_REPLENISH_PERIOD_IN_MS"] = "3000",
        });
        await host.Accounts.UserAsync(Victim);
        await host.Accounts.UserAsync("bystander@example.com", "Bea", "Bystander");
        var statuses = new ConcurrentBag<int>();
        var bodies = new ConcurrentDictionary<string, byte>();
        var bystander = new List<int>();
        for (var round = 0; round < rounds; round++)
        {
            var attack = Enumerable.Range(0, addresses).Select(async a =>
            {
                for (var i = 0; i < perRound; i++)
                {
                    var (status, body) = await host.LoginAsync(Victim, $"guess-{round}-{a}-{i}", $"10.{a / 250}.{a % 250}.1");
                    statuses.Add(status);
                    if (status == 401)
                    {
                        bodies.TryAdd(body, 0);
                    }
                }
            });
            // The bystander signs in once a round, from an address of their own (a person does not sign in
            // forty times a minute from one place: that address's own bucket would refuse it, by design).
            var legitimate = host.LoginAsync("bystander@example.com", UserAccounts.Password, $"192.0.{2 + (round / 250)}.{1 + (round % 250)}");
            await Task.WhenAll(attack);
            bystander.Add((await legitimate).Status);
            // Twenty seconds pass between rounds: longer than the longest delay, far shorter than the lockout.
            host.Clock.Advance(TimeSpan.FromSeconds(20));
        }

        var checkedGuesses = await ApiFixture.Database.ScalarAsync<int>($"SELECT failed_login_count FROM iam.\"user\" WHERE normalized_email = '{Victim}'");
        var rightDuringLockout = await host.LoginAsync(Victim, UserAccounts.Password, "10.250.0.1");
        host.Clock.Advance(TimeSpan.FromSeconds(900));
        var rightAfterLockout = await host.LoginAsync(Victim, UserAccounts.Password, "10.250.0.2");

        var sent = statuses.Count;
        var refused = statuses.Count(s => s == 401);
        var throttled = statuses.Count(s => s == 429);
        FaultSize.Report(nameof(BruteForceTests),
            $"attempts={sent} addresses={addresses} refused_401={refused} throttled_429={throttled} passwords_checked={checkedGuesses} " +
            $"bystander_logins={bystander.Count(s => s == 201)}/{bystander.Count} (others: {string.Join(",", bystander.Where(s => s != 201))}) right_password_during_lockout={rightDuringLockout.Status} after={rightAfterLockout.Status}");
        Assert.Multiple(() =>
        {
            Assert.That(refused + throttled, Is.EqualTo(sent), "every guess is refused: 401, or 429 once an address's bucket is empty");
            Assert.That(throttled, Is.GreaterThan(0), "each address is throttled");
            Assert.That(bodies.Keys, Has.Count.EqualTo(1), "every refusal reads the same, locked or not");
            Assert.That(checkedGuesses, Is.EqualTo(LockoutAfter), "no more passwords were checked than the lockout threshold");
            Assert.That(rightDuringLockout.Status, Is.EqualTo(401));
            Assert.That(rightDuringLockout.Body, Is.EqualTo(bodies.Keys.Single()), "the right password during the lockout reads as a wrong one");
            Assert.That(bystander, Is.All.EqualTo(201), "another user signs in meanwhile");
            Assert.That(rightAfterLockout.Status, Is.EqualTo(201), "the lockout ends");
        });
    }
}
