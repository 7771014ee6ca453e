using System.Net.Http.Json;
using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.Organizations.Accounts;

/// <summary>Registration rules, e-mail links, password change and reset.</summary>
public sealed class PasswordFlowTests : ApiTest
{
    private static UserAccounts Accounts => new(ApiFixture.Factory);

    private static Hook0Factory Factory => ApiFixture.Factory;

    [Test]
    public async Task Registering_an_address_twice_is_a_conflict_whatever_its_case()
    {
        await Accounts.RegisterAsync("twice@example.com");
        var again = await Anonymous().PostAsJsonAsync("/api/v1/register",
            new { first_name = "Other", last_name = "Person", email = "TWICE@Example.com", password = UserAccounts.Password });
        await AssertProblemAsync(again, 409, "UserAlreadyExist");
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM iam.organization"), Is.EqualTo(1), "the refused registration created nothing");
    }

    [TestCase("short", "PasswordTooShort")]
    [TestCase("password1234", "PasswordTooCommon")]
    [TestCase("aaaaaaaaaaaaaaaa", "PasswordNotDiverseEnough")]
    [TestCase("lovelace2026!", "PasswordSimilarToName")]
    [TestCase("policy-check@example.com", "PasswordSimilarToEmail")]
    public async Task Weak_passwords_are_refused_with_upstreams_ids(string password, string id)
    {
        var response = await Anonymous().PostAsJsonAsync("/api/v1/register",
            new { first_name = "Ada", last_name = "Lovelace", email = "policy-check@example.com", password });
        await AssertProblemAsync(response, 400, id);
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM iam.\"user\""), Is.Zero);
    }

    [Test]
    public async Task Invalid_fields_are_a_validation_problem_that_never_echoes_the_password()
    {
        var response = await Anonymous().PostAsJsonAsync("/api/v1/register",
            new { first_name = "", last_name = "Lovelace", email = "not-an-email", password = "hunter\u0001value-123456" });
        var problem = await AssertProblemAsync(response, 422, "Validation");
        var text = problem.ToJsonString();
        Assert.Multiple(() =>
        {
            Assert.That(problem["validation"]!["first_name"], Is.Not.Null);
            Assert.That(problem["validation"]!["email"], Is.Not.Null);
            Assert.That(problem["validation"]!["password"]![0]!["code"]!.GetValue<string>(), Is.EqualTo("secret-characters"));
            Assert.That(text, Does.Not.Contain("hunter"), "the password is never echoed");
        });
    }

    [Test]
    public async Task A_verification_link_works_once()
    {
        await Accounts.RegisterAsync("once@example.com");
        var token = Factory.Mailbox.LatestToken("once@example.com", "/verify-email");
        Assert.That((int)(await Anonymous().PostAsJsonAsync("/api/v1/auth/verify-email", new { token })).StatusCode, Is.EqualTo(201));
        await AssertProblemAsync(await Anonymous().PostAsJsonAsync("/api/v1/auth/verify-email", new { token }), 409, "AuthEmailAlreadyVerified");
        await AssertProblemAsync(await Anonymous().PostAsJsonAsync("/api/v1/auth/verify-email", new { token = token[..^4] + "AAAA" }), 401, "AuthEmailExpired");
    }

    [Test]
    public async Task Resending_the_verification_mail_is_silent_and_rate_limited()
    {
        await Accounts.RegisterAsync("resend@example.com");
        var before = Factory.Mailbox.LinksFor("resend@example.com").Count;
        // Registration just sent one: within the cooldown, a resend sends nothing, and still answers 204.
        var response = await Anonymous().PostAsJsonAsync("/api/v1/auth/resend-verification-email", new { email = "resend@example.com" });
        Assert.That((int)response.StatusCode, Is.EqualTo(204));
        Assert.That(Factory.Mailbox.LinksFor("resend@example.com"), Has.Count.EqualTo(before));

        await Database.ExecuteAsync("UPDATE iam.\"user\" SET email_verification_sent_at = now() - interval '2 minutes'");
        Assert.That((int)(await Anonymous().PostAsJsonAsync("/api/v1/auth/resend-verification-email", new { email = "resend@example.com" })).StatusCode, Is.EqualTo(204));
        Assert.That(Factory.Mailbox.LinksFor("resend@example.com"), Has.Count.EqualTo(before + 1));

        // Five a day at most.
        await Database.ExecuteAsync("UPDATE iam.\"user\" SET email_verification_sent_at = now() - interval '2 minutes', email_verification_resend_count = 5");
        await Anonymous().PostAsJsonAsync("/api/v1/auth/resend-verification-email", new { email = "resend@example.com" });
        Assert.That(Factory.Mailbox.LinksFor("resend@example.com"), Has.Count.EqualTo(before + 1));

        // Unknown addresses look the same from outside.
        Assert.That((int)(await Anonymous().PostAsJsonAsync("/api/v1/auth/resend-verification-email", new { email = "ghost@example.com" })).StatusCode, Is.EqualTo(204));
    }

    [Test]
    public async Task Changing_the_password_ends_every_session_and_only_the_new_one_works()
    {
        var (session, _) = await Accounts.UserAsync("change@example.com");
        var response = await As(session.AccessToken).PostAsJsonAsync("/api/v1/auth/password", new { new_password = "Brand-New-Passphrase-2026" });
        Assert.That((int)response.StatusCode, Is.EqualTo(204));

        await AssertProblemAsync(await As(session.AccessToken).GetAsync("/api/v1/organizations"), 403, "AuthInvalidBiscuit");
        await AssertProblemAsync(await Anonymous().PostAsJsonAsync("/api/v1/auth/login", new { email = "change@example.com", password = UserAccounts.Password }), 401, "AuthFailedLogin");
        await Accounts.LoginAsync("change@example.com", "Brand-New-Passphrase-2026");

        var weak = await As((await Accounts.LoginAsync("change@example.com", "Brand-New-Passphrase-2026")).AccessToken)
            .PostAsJsonAsync("/api/v1/auth/password", new { new_password = "password" });
        await AssertProblemAsync(weak, 400, "PasswordTooShort");
    }

    [Test]
    public async Task With_the_current_password_a_change_needs_it_to_match_and_a_wrong_one_changes_nothing()
    {
        var (session, _) = await Accounts.UserAsync("careful@example.com");

        var wrong = await As(session.AccessToken).PostAsJsonAsync("/api/v1/auth/password", new { new_password = "Brand-New-Passphrase-2026", current_password = "not-my-password-at-all" });
        var problem = await AssertProblemAsync(wrong, 422, "Validation");
        Assert.That(problem["validation"]!["current_password"]!.ToJsonString(), Does.Contain("is not your current password"));
        Assert.That((int)(await As(session.AccessToken).GetAsync("/api/v1/organizations")).StatusCode, Is.EqualTo(200), "nothing changed: the session lives");
        await Accounts.LoginAsync("careful@example.com", UserAccounts.Password);

        var right = await As(session.AccessToken).PostAsJsonAsync("/api/v1/auth/password", new { new_password = "Brand-New-Passphrase-2026", current_password = UserAccounts.Password });
        Assert.That((int)right.StatusCode, Is.EqualTo(204));
        await Accounts.LoginAsync("careful@example.com", "Brand-New-Passphrase-2026");
    }

    [Test]
    public async Task A_reset_link_sets_a_new_password_once_and_unknown_addresses_are_not_revealed()
    {
        var (session, _) = await Accounts.UserAsync("reset@example.com");
        Assert.That((int)(await Anonymous().PostAsJsonAsync("/api/v1/auth/begin-reset-password", new { email = "ghost@example.com" })).StatusCode, Is.EqualTo(204));
        Assert.That((int)(await Anonymous().PostAsJsonAsync("/api/v1/auth/begin-reset-password", new { email = "reset@example.com" })).StatusCode, Is.EqualTo(204));
        var token = Factory.Mailbox.LatestToken("reset@example.com", "/reset-password");

        var reset = await Anonymous().PostAsJsonAsync("/api/v1/auth/reset-password", new { token, new_password = "Recovered-Passphrase-99" });
        Assert.That((int)reset.StatusCode, Is.EqualTo(204));
        await Accounts.LoginAsync("reset@example.com", "Recovered-Passphrase-99");
        await AssertProblemAsync(await As(session.AccessToken).GetAsync("/api/v1/organizations"), 403, "AuthInvalidBiscuit");

        var again = await Anonymous().PostAsJsonAsync("/api/v1/auth/reset-password", new { token, new_password = "Another-Passphrase-1234" });
        await AssertProblemAsync(again, 401, "AuthEmailExpired");
        // A verification token is not a reset token.
        await Accounts.RegisterAsync("mixup@example.com");
        var verification = Factory.Mailbox.LatestToken("mixup@example.com", "/verify-email");
        await AssertProblemAsync(await Anonymous().PostAsJsonAsync("/api/v1/auth/reset-password", new { token = verification, new_password = "Another-Passphrase-1234" }), 401, "AuthEmailExpired");
    }
}
