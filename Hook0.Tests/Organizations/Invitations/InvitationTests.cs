using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hook0.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hook0.Tests.Organizations.Invitations;

/// <summary>
/// Finding 5 of issue 19: an invitation adds nobody until its recipient accepts it, and inviting
/// answers alike whether the address has an account or not (no enumeration).
/// </summary>
public sealed class InvitationTests : ApiTest
{
    private static UserAccounts Accounts => new(ApiFixture.Factory);

    [Test]
    public async Task An_existing_user_joins_only_once_they_accept()
    {
        var (owner, organizationId) = await Accounts.UserAsync("ada@example.com");
        var (grace, _) = await Accounts.UserAsync("grace@example.com", "Grace", "Hopper");

        var invited = await PostJsonAsync(As(owner.AccessToken), $"/api/v1/organizations/{organizationId}/invite", new { email = "grace@example.com", role = "viewer" }, 200);
        Assert.That(invited.ToJsonString(), Is.EqualTo("""{"email":"grace@example.com","role":"viewer"}"""), "upstream's echo");
        Assert.That(await MembersAsync(owner, organizationId), Is.EqualTo(1), "nobody is added without consent");
        Assert.That(ApiFixture.Factory.Mailbox.LinksFor("grace@example.com"), Has.Some.EndsWith("/invitations"));

        var pending = (await JsonAsync(await As(grace.AccessToken).GetAsync("/api/v1/invitations"))).AsArray();
        Assert.That(pending, Has.Count.EqualTo(1));
        Assert.Multiple(() =>
        {
            Assert.That(pending[0]!["organization_id"]!.GetValue<Guid>(), Is.EqualTo(organizationId));
            Assert.That(pending[0]!["organization_name"]!.GetValue<string>(), Is.EqualTo("Ada Lovelace's personal organization"));
            Assert.That(pending[0]!["role"]!.GetValue<string>(), Is.EqualTo("viewer"));
        });

        var accepted = await PostJsonAsync(As(grace.AccessToken), $"/api/v1/invitations/{pending[0]!["invitation_id"]!.GetValue<Guid>()}/accept", new { }, 200);
        Assert.That(accepted["role"]!.GetValue<string>(), Is.EqualTo("viewer"));
        Assert.That(await MembersAsync(owner, organizationId), Is.EqualTo(2));
        var session = await Accounts.LoginAsync("grace@example.com");
        Assert.That((int)(await As(session.AccessToken).GetAsync($"/api/v1/organizations/{organizationId}")).StatusCode, Is.EqualTo(200));
        Assert.That((await JsonAsync(await As(grace.AccessToken).GetAsync("/api/v1/invitations"))).AsArray(), Is.Empty);
    }

    [Test]
    public async Task Known_and_unknown_addresses_get_the_same_answer()
    {
        var (owner, organizationId) = await Accounts.UserAsync("ada@example.com");
        await Accounts.UserAsync("grace@example.com", "Grace", "Hopper");
        var known = await As(owner.AccessToken).PostAsJsonAsync($"/api/v1/organizations/{organizationId}/invite", new { email = "grace@example.com", role = "editor" });
        var unknown = await As(owner.AccessToken).PostAsJsonAsync($"/api/v1/organizations/{organizationId}/invite", new { email = "nobody@example.com", role = "editor" });
        Assert.Multiple(async () =>
        {
            Assert.That((int)known.StatusCode, Is.EqualTo(200));
            Assert.That((int)unknown.StatusCode, Is.EqualTo(200), "upstream's 404 InvitedUserDoesNotExist would tell who has an account");
            Assert.That(Keys(await JsonAsync(unknown)), Is.EqualTo(Keys(await JsonAsync(known))));
        });
        Assert.That(ApiFixture.Factory.Mailbox.LinksFor("nobody@example.com"), Has.Some.Contains("/register?email=nobody%40example.com"));
    }

    [Test]
    public async Task An_address_invited_before_registering_finds_its_invitation()
    {
        var (owner, organizationId) = await Accounts.UserAsync("ada@example.com");
        await PostJsonAsync(As(owner.AccessToken), $"/api/v1/organizations/{organizationId}/invite", new { email = "Newcomer@Example.com", role = "editor" }, 200);

        var (newcomer, _) = await Accounts.UserAsync("newcomer@example.com", "New", "Comer");
        Assert.That(await Accounts.AcceptInvitationsAsync(newcomer), Is.EqualTo(1));
        Assert.That(await MembersAsync(owner, organizationId), Is.EqualTo(2));
    }

    [Test]
    public async Task Declining_adds_nobody_and_only_the_recipient_can_answer()
    {
        var (owner, organizationId) = await Accounts.UserAsync("ada@example.com");
        var (grace, _) = await Accounts.UserAsync("grace@example.com", "Grace", "Hopper");
        var (mallory, _) = await Accounts.UserAsync("mallory@example.com", "Mallory", "Malicious");
        await PostJsonAsync(As(owner.AccessToken), $"/api/v1/organizations/{organizationId}/invite", new { email = "grace@example.com", role = "editor" }, 200);
        var invitationId = (await JsonAsync(await As(owner.AccessToken).GetAsync($"/api/v1/organizations/{organizationId}/invitations")))[0]!["invitation_id"]!.GetValue<Guid>();

        await AssertProblemAsync(await As(mallory.AccessToken).PostAsync($"/api/v1/invitations/{invitationId}/accept", null), 404, "NotFound");
        await AssertProblemAsync(await As(Hook0Factory.MasterKey).PostAsync($"/api/v1/invitations/{invitationId}/accept", null), 403, "Forbidden");
        Assert.That((int)(await As(grace.AccessToken).PostAsync($"/api/v1/invitations/{invitationId}/decline", null)).StatusCode, Is.EqualTo(204));
        await AssertProblemAsync(await As(grace.AccessToken).PostAsync($"/api/v1/invitations/{invitationId}/accept", null), 404, "NotFound");
        Assert.That(await MembersAsync(owner, organizationId), Is.EqualTo(1));
    }

    [Test]
    public async Task Answers_at_once_join_once_and_never_fail()
    {
        var (owner, organizationId) = await Accounts.UserAsync("ada@example.com");
        var (grace, _) = await Accounts.UserAsync("grace@example.com", "Grace", "Hopper");
        await PostJsonAsync(As(owner.AccessToken), $"/api/v1/organizations/{organizationId}/invite", new { email = "grace@example.com", role = "editor" }, 200);
        var id = (await JsonAsync(await As(grace.AccessToken).GetAsync("/api/v1/invitations")))[0]!["invitation_id"]!.GetValue<Guid>();

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(async i =>
        {
            if (i % 3 == 2)
            {
                // The inviter renews the invitation meanwhile: same lock order, no deadlock.
                return (int)(await As(owner.AccessToken).PostAsJsonAsync($"/api/v1/organizations/{organizationId}/invite", new { email = "grace@example.com", role = "viewer" })).StatusCode;
            }

            return (int)(await As(grace.AccessToken).PostAsync($"/api/v1/invitations/{id}/{(i == 0 ? "accept" : "decline")}", null)).StatusCode;
        }));
        Assert.That(answers, Is.All.LessThan(500), string.Join(",", answers));
        Assert.That(await MembersAsync(owner, organizationId), Is.LessThanOrEqualTo(2));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM iam.user__organization WHERE role NOT IN ('editor', 'viewer')"), Is.Zero);
    }

    [Test]
    public async Task Editors_list_and_cancel_pending_invitations()
    {
        var (owner, organizationId) = await Accounts.UserAsync("ada@example.com");
        var (grace, _) = await Accounts.UserAsync("grace@example.com", "Grace", "Hopper");
        await PostJsonAsync(As(owner.AccessToken), $"/api/v1/organizations/{organizationId}/invite", new { email = "grace@example.com", role = "viewer" }, 200);
        // Inviting again changes the role, not the number of invitations.
        await PostJsonAsync(As(owner.AccessToken), $"/api/v1/organizations/{organizationId}/invite", new { email = "GRACE@example.com", role = "editor" }, 200);
        var listed = (await JsonAsync(await As(owner.AccessToken).GetAsync($"/api/v1/organizations/{organizationId}/invitations"))).AsArray();
        Assert.That(listed, Has.Count.EqualTo(1));
        Assert.That(listed[0]!["role"]!.GetValue<string>(), Is.EqualTo("editor"));

        var id = listed[0]!["invitation_id"]!.GetValue<Guid>();
        Assert.That((int)(await As(owner.AccessToken).DeleteAsync($"/api/v1/organizations/{organizationId}/invitations/{id}")).StatusCode, Is.EqualTo(204));
        await AssertProblemAsync(await As(owner.AccessToken).DeleteAsync($"/api/v1/organizations/{organizationId}/invitations/{id}"), 404, "NotFound");
        Assert.That((await JsonAsync(await As(grace.AccessToken).GetAsync("/api/v1/invitations"))).AsArray(), Is.Empty);
    }

    [Test]
    public async Task Upstreams_refusals_stay_and_pending_invitations_are_bounded()
    {
        var (owner, organizationId) = await Accounts.UserAsync("ada@example.com");
        var editor = As(owner.AccessToken);
        await AssertProblemAsync(await editor.PostAsJsonAsync($"/api/v1/organizations/{organizationId}/invite", new { email = "ada@example.com", role = "viewer" }), 409, "InvitedUserAlreadyInOrganization");
        await AssertProblemAsync(await editor.PostAsJsonAsync($"/api/v1/organizations/{organizationId}/invite", new { email = "x@example.com", role = "owner" }), 400, "InvalidRole");
        await AssertProblemAsync(await editor.PostAsJsonAsync($"/api/v1/organizations/{organizationId}/invite", new { email = "not an address", role = "viewer" }), 422, "Validation");

        for (var i = 0; i < 50; i++)
        {
            Assert.That((int)(await editor.PostAsJsonAsync($"/api/v1/organizations/{organizationId}/invite", new { email = $"guest{i}@example.com", role = "viewer" })).StatusCode, Is.EqualTo(200));
        }

        await AssertProblemAsync(await editor.PostAsJsonAsync($"/api/v1/organizations/{organizationId}/invite", new { email = "one-more@example.com", role = "viewer" }), 429, "TooManyPendingInvitations");
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM iam.invitation"), Is.EqualTo(50), "the refusal changed nothing");
    }

    [Test]
    public async Task Housekeeping_removes_long_expired_invitations()
    {
        var (owner, organizationId) = await Accounts.UserAsync("ada@example.com");
        await PostJsonAsync(As(owner.AccessToken), $"/api/v1/organizations/{organizationId}/invite", new { email = "old@example.com", role = "viewer" }, 200);
        await PostJsonAsync(As(owner.AccessToken), $"/api/v1/organizations/{organizationId}/invite", new { email = "new@example.com", role = "viewer" }, 200);
        await Database.ExecuteAsync("UPDATE iam.invitation SET expires_at = now() - interval '8 days' WHERE email = 'old@example.com'");
        await using var host = new Hook0Factory(Database, new Dictionary<string, string?>
        {
            ["HOUSEKEEPING_ENABLED"] = "false", ["NO_AUTO_DB_MIGRATION"] = "true", ["EXPIRED_TOKENS_CLEANUP_REPORT_AND_DELETE"] = "true",
        });
        var results = await host.Services.GetRequiredService<Hook0.Modules.Kernel.Housekeeping.HousekeepingRunner>().RunDueJobsAsync(true, CancellationToken.None);

        Assert.That(results["expired invitations"], Is.EqualTo(1));
        Assert.That(await Database.ScalarAsync<string>("SELECT string_agg(email, ',') FROM iam.invitation"), Is.EqualTo("new@example.com"));
    }

    private static async Task<int> MembersAsync(Session owner, Guid organizationId)
        => (await JsonAsync(await As(owner.AccessToken).GetAsync($"/api/v1/organizations/{organizationId}")))["users"]!.AsArray().Count;

    private static string Keys(JsonNode node) => string.Join(",", node.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
}
