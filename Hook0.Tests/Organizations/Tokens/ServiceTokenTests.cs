using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hook0.Biscuit;
using Hook0.Biscuit.Crypto;
using Hook0.Tests.Biscuit;
using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.Organizations.Tokens;

/// <summary>
/// Service tokens end to end: minted by the API, attenuated offline with the reference implementation
/// (biscuit-wasm), used, and revoked together with every attenuation of them.
/// </summary>
public sealed class ServiceTokenTests : ApiTest
{
    private static UserAccounts Accounts => new(ApiFixture.Factory);

    [Test]
    public async Task A_user_mints_lists_renames_and_revokes_a_service_token()
    {
        var (session, organizationId) = await Accounts.UserAsync("ops@example.com");
        var user = As(session.AccessToken);
        var created = await PostJsonAsync(user, "/api/v1/service_token", new { organization_id = organizationId, name = "deploys" });
        var tokenId = created["token_id"]!.GetValue<Guid>();
        var biscuit = created["biscuit"]!.GetValue<string>();
        Assert.That(created["name"]!.GetValue<string>(), Is.EqualTo("deploys"));

        var listed = await JsonAsync(await user.GetAsync($"/api/v1/service_token?organization_id={organizationId}"));
        Assert.That(listed.AsArray().Select(t => t!["biscuit"]!.GetValue<string>()), Is.EqualTo(new[] { biscuit }));
        var renamed = await JsonAsync(await user.PutAsJsonAsync($"/api/v1/service_token/{tokenId}", new { organization_id = organizationId, name = "ci" }));
        Assert.That(renamed["name"]!.GetValue<string>(), Is.EqualTo("ci"));
        var fetched = await JsonAsync(await user.GetAsync($"/api/v1/service_token/{tokenId}?organization_id={organizationId}"));
        Assert.That(fetched["name"]!.GetValue<string>(), Is.EqualTo("ci"));

        // The token acts on its organization: it creates an application there.
        var application = await PostJsonAsync(As(biscuit), "/api/v1/applications", new { organization_id = organizationId, name = "Made by CI" });
        Assert.That(application["organization_id"]!.GetValue<Guid>(), Is.EqualTo(organizationId));

        Assert.That((int)(await user.DeleteAsync($"/api/v1/service_token/{tokenId}?organization_id={organizationId}")).StatusCode, Is.EqualTo(204));
        await AssertProblemAsync(await As(biscuit).GetAsync("/api/v1/organizations"), 403, "AuthInvalidBiscuit");
        Assert.That((await JsonAsync(await user.GetAsync($"/api/v1/service_token?organization_id={organizationId}"))).AsArray(), Is.Empty);
        await AssertProblemAsync(await user.GetAsync($"/api/v1/service_token/{tokenId}?organization_id={organizationId}"), 404, "NotFound");
    }

    [Test]
    public async Task The_whole_journey_through_the_rest_api_as_the_dashboard_and_sdks_do()
    {
        // Register, verify, log in.
        await Accounts.RegisterAsync("journey@example.com", "Jo", "Urney");
        var session = await Accounts.VerifyAsync("journey@example.com");
        session = await Accounts.LoginAsync("journey@example.com");

        // Create an organization, refresh to see it, create an application in it.
        var organizationId = (await JsonAsync(await As(session.AccessToken).PostAsJsonAsync("/api/v1/organizations", new { name = "Journey Inc" })))["organization_id"]!.GetValue<Guid>();
        using var refresh = Anonymous();
        refresh.DefaultRequestHeaders.Authorization = new("Bearer", session.RefreshToken);
        var access = (await JsonAsync(await refresh.PostAsync("/api/v1/auth/refresh", null)))["access_token"]!.GetValue<string>();
        var applicationId = (await PostJsonAsync(As(access), "/api/v1/applications", new { organization_id = organizationId, name = "Shop" }))["application_id"]!.GetValue<Guid>();

        // Mint a service token, attenuate it offline to the application, and use it.
        var token = (await PostJsonAsync(As(access), "/api/v1/service_token", new { organization_id = organizationId, name = "shop backend" }))["biscuit"]!.GetValue<string>();
        var shopOnly = Attenuate(token, $"check if application_id(hex:{Hex(applicationId)});");
        var scenario = new Scenario(As(shopOnly));
        var eventType = await scenario.EventTypeAsync(applicationId, "shop", "order", "placed");
        var eventId = await scenario.IngestAsync(applicationId, eventType);
        var stored = await JsonAsync(await As(shopOnly).GetAsync($"/api/v1/events/{eventId}?application_id={applicationId}"));
        Assert.That(stored["event_type_name"]!.GetValue<string>(), Is.EqualTo("shop.order.placed"));
        await AssertProblemAsync(await As(shopOnly).GetAsync($"/api/v1/organizations/{organizationId}"), 403, "Forbidden");
    }

    [Test]
    public async Task A_token_attenuated_offline_to_one_application_works_there_and_nowhere_else()
    {
        var (token, organizationId) = await ServiceTokenAsync();
        var scenario = new Scenario(As(token));
        var allowed = await scenario.ApplicationAsync(organizationId, "Allowed");
        var other = await scenario.ApplicationAsync(organizationId, "Other");
        var restricted = Attenuate(token, $"check if application_id(hex:{Hex(allowed)});");

        var type = await PostJsonAsync(As(restricted), "/api/v1/event_types", new { application_id = allowed, service = "billing", resource_type = "invoice", verb = "paid" });
        Assert.That(type["event_type_name"]!.GetValue<string>(), Is.EqualTo("billing.invoice.paid"));
        await AssertProblemAsync(await As(restricted).PostAsJsonAsync("/api/v1/event_types",
            new { application_id = other, service = "billing", resource_type = "invoice", verb = "paid" }), 403, "Forbidden");
        await AssertProblemAsync(await As(restricted).GetAsync($"/api/v1/organizations/{organizationId}"), 403, "Forbidden");
        Assert.That(await Database.ScalarAsync<long>($"SELECT count(*) FROM event.event_type WHERE application_id = '{other}'"), Is.Zero);
    }

    [Test]
    public async Task A_read_only_attenuation_reads_and_cannot_write()
    {
        var (token, organizationId) = await ServiceTokenAsync();
        var readOnly = Attenuate(token, """
            check if action($a), ["organization:list", "organization:get", "application:list", "application:get", "event_type:list", "event_type:get", "subscription:list", "subscription:get", "event:list", "event:get", "request_attempt:list", "request_attempt:get", "response:get", "events_per_day:application", "events_per_day:organization"].contains($a);
            """);
        Assert.That((int)(await As(readOnly).GetAsync($"/api/v1/applications?organization_id={organizationId}")).StatusCode, Is.EqualTo(200));
        await AssertProblemAsync(await As(readOnly).PostAsJsonAsync("/api/v1/applications", new { organization_id = organizationId, name = "Nope" }), 403, "Forbidden");
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM iam.application WHERE NOT is_system"), Is.Zero);
    }

    [Test]
    public async Task An_expired_attenuation_is_refused_and_a_future_one_accepted()
    {
        var (token, organizationId) = await ServiceTokenAsync();
        var expired = Attenuate(token, "check if time($t), $t < 2020-01-01T00:00:00Z;");
        var valid = Attenuate(token, "check if time($t), $t < 2100-01-01T00:00:00Z;");
        await AssertProblemAsync(await As(expired).GetAsync($"/api/v1/organizations/{organizationId}"), 403, "Forbidden");
        Assert.That((int)(await As(valid).GetAsync($"/api/v1/organizations/{organizationId}")).StatusCode, Is.EqualTo(200));
    }

    [Test]
    public async Task Revoking_the_root_revokes_its_attenuations_at_once()
    {
        var (session, organizationId) = await Accounts.UserAsync("revoke@example.com");
        var created = await PostJsonAsync(As(session.AccessToken), "/api/v1/service_token", new { organization_id = organizationId, name = "root" });
        var child = Attenuate(created["biscuit"]!.GetValue<string>(), "check if time($t), $t < 2100-01-01T00:00:00Z;");
        Assert.That((int)(await As(child).GetAsync($"/api/v1/organizations/{organizationId}")).StatusCode, Is.EqualTo(200), "warms the caches");

        await As(session.AccessToken).DeleteAsync($"/api/v1/service_token/{created["token_id"]}?organization_id={organizationId}");
        await AssertProblemAsync(await As(child).GetAsync($"/api/v1/organizations/{organizationId}"), 403, "AuthInvalidBiscuit");
    }

    [Test]
    public async Task Tampered_foreign_and_unknown_tokens_are_refused()
    {
        var (token, organizationId) = await ServiceTokenAsync();
        var bytes = Convert.FromBase64String(token.Replace('-', '+').Replace('_', '/'));
        bytes[^40] ^= 0x01;
        var tampered = Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_');
        await AssertProblemAsync(await As(tampered).GetAsync("/api/v1/organizations"), 403, "AuthInvalidBiscuit");

        // The same facts signed by another key.
        var foreign = BiscuitToken.CreateBuilder(KeyPair.Generate())
            .AddCode($"""type("service_access"); version(1); token_id(hex:{Hex(Guid.NewGuid())}); organization_id(hex:{Hex(organizationId)});""")
            .Build().ToBase64();
        await AssertProblemAsync(await As(foreign).GetAsync("/api/v1/organizations"), 403, "AuthInvalidBiscuit");

        // Signed by the instance's key but never recorded: not a token this server issued.
        var unrecorded = BiscuitToken.CreateBuilder(KeyPair.FromPrivateKey("ed25519-private/" + Hook0Factory.BiscuitPrivateKey))
            .AddCode($"""type("service_access"); version(1); token_id(hex:{Hex(Guid.NewGuid())}); organization_id(hex:{Hex(organizationId)});""")
            .Build().ToBase64();
        await AssertProblemAsync(await As(unrecorded).GetAsync("/api/v1/organizations"), 403, "AuthInvalidBiscuit");
    }

    [Test]
    public async Task A_token_minted_by_the_reference_implementation_with_upstreams_facts_works_here()
    {
        var organizationId = await new Scenario(Master()).OrganizationAsync();
        var key = KeyPair.FromPrivateKey("ed25519-private/" + Hook0Factory.BiscuitPrivateKey);
        var minted = NodeBiscuitTool.Run(new JsonObject
        {
            ["op"] = "mint",
            ["rootPrivateKey"] = key.PrivateKey.ToText(),
            ["authority"] = $"""
                type("service_access");
                version(1);
                token_id(hex:{Hex(Guid.NewGuid())});
                created_at(2026-11-28T12:00:00Z);
                organization_id(hex:{Hex(organizationId)});
                """,
        })["token"]!.GetValue<string>();
        var revocationId = BiscuitToken.Parse(minted, key.PublicKey).RevocationIds[0];
        await Database.ExecuteAsync($"""
            INSERT INTO iam.token (token_id, type, revocation_id, created_at, organization_id, name, biscuit)
            VALUES ('{Guid.NewGuid()}', 'service_access', '\x{revocationId}', now(), '{organizationId}', 'upstream', '{minted}')
            """);

        var organization = await JsonAsync(await As(minted).GetAsync($"/api/v1/organizations/{organizationId}"));
        Assert.That(organization["organization_id"]!.GetValue<Guid>(), Is.EqualTo(organizationId));
        await AssertProblemAsync(await As(minted).GetAsync($"/api/v1/organizations/{Guid.NewGuid()}"), 403, "Forbidden");
    }

    [Test]
    public async Task An_expired_user_access_token_is_refused_even_while_its_row_is_live()
    {
        var (session, organizationId) = await Accounts.UserAsync("expired@example.com");
        var key = KeyPair.FromPrivateKey("ed25519-private/" + Hook0Factory.BiscuitPrivateKey);
        var expired = BiscuitToken.CreateBuilder(key).AddCode($"""
            type("user_access"); version(1); session_id(hex:{Hex(Guid.NewGuid())}); token_id(hex:{Hex(Guid.NewGuid())});
            user_id(hex:{Hex(session.UserId)}); email("expired@example.com"); first_name("Ada"); last_name("Lovelace");
            organization_role(hex:{Hex(organizationId)}, "editor");
            check if time($t), $t < 2021-01-01T00:00:00Z;
            """).Build();
        await Database.ExecuteAsync($"""
            INSERT INTO iam.token (token_id, type, revocation_id, created_at, expired_at, user_id, session_id)
            VALUES ('{Guid.NewGuid()}', 'user_access', '\x{expired.RevocationIds[0]}', now(), now() + interval '1 hour', '{session.UserId}', '{Guid.NewGuid()}')
            """);
        await AssertProblemAsync(await As(expired.ToBase64()).GetAsync($"/api/v1/organizations/{organizationId}"), 403, "Forbidden");
    }

    [Test]
    public async Task Service_token_names_follow_upstreams_rules()
    {
        var (session, organizationId) = await Accounts.UserAsync("names@example.com");
        var problem = await AssertProblemAsync(await As(session.AccessToken).PostAsJsonAsync("/api/v1/service_token",
            new { organization_id = organizationId, name = new string('x', 51) }), 422, "Validation");
        Assert.That(problem["validation"]!["name"], Is.Not.Null);
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM iam.token WHERE type = 'service_access'"), Is.Zero);
    }

    private static async Task<(string Token, Guid OrganizationId)> ServiceTokenAsync()
    {
        var organizationId = await new Scenario(Master()).OrganizationAsync();
        var created = await PostJsonAsync(Master(), "/api/v1/service_token", new { organization_id = organizationId, name = "test" });
        return (created["biscuit"]!.GetValue<string>(), organizationId);
    }

    /// <summary>Appends a block with the reference implementation, offline, as a user of the SDKs would.</summary>
    private static string Attenuate(string token, string code)
        => NodeBiscuitTool.Run(new JsonObject
        {
            ["op"] = "attenuate",
            ["token"] = token,
            ["rootPublicKey"] = KeyPair.FromPrivateKey("ed25519-private/" + Hook0Factory.BiscuitPrivateKey).PublicKey.ToString(),
            ["code"] = code,
        })["token"]!.GetValue<string>();

    private static string Hex(Guid id) => Convert.ToHexStringLower(id.ToByteArray(bigEndian: true));
}
