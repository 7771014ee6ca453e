using System.Net;
using Hook0.Modules.Organizations.SecretsAtRest;
using Hook0.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hook0.Tests.Organizations.SecretsAtRest;

/// <summary>
/// Application secrets and service-token Biscuits are kept sealed (finding 7 of issue #19): the database
/// holds no clear credential, secrets are found by their keyed hash, and the API still shows them.
/// </summary>
public sealed class SecretsAtRestTests : ApiTest
{
    private static UserAccounts Accounts => new(ApiFixture.Factory);

    [Test]
    public async Task No_application_secret_or_service_token_is_stored_in_clear_yet_the_api_lists_them()
    {
        var tenant = await new Scenario(Master()).TenantAsync();
        var (session, organizationId) = await Accounts.UserAsync("vault@example.com");
        var biscuit = (await PostJsonAsync(As(session.AccessToken), "/api/v1/service_token", new { organization_id = organizationId, name = "ci" }))["biscuit"]!.GetValue<string>();

        Assert.Multiple(async () =>
        {
            Assert.That(await Database.ScalarAsync<long>($"SELECT count(*) FROM iam.application_secret s WHERE position('{tenant.Secret}' in s::text) > 0"), Is.Zero);
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM iam.application_secret WHERE token IS NOT NULL OR sealed_token NOT LIKE 'v1:%'"), Is.Zero);
            Assert.That(await Database.ScalarAsync<long>($"SELECT count(*) FROM iam.token t WHERE position('{biscuit[..40]}' in t::text) > 0"), Is.Zero);
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM iam.token WHERE biscuit IS NOT NULL AND biscuit NOT LIKE 'v1:%'"), Is.Zero);
        });

        var secrets = await JsonAsync(await Master().GetAsync($"/api/v1/application_secrets?application_id={tenant.ApplicationId}"));
        var tokens = await JsonAsync(await As(session.AccessToken).GetAsync($"/api/v1/service_token?organization_id={organizationId}"));
        Assert.Multiple(() =>
        {
            Assert.That(secrets.AsArray().Select(s => s!["token"]!.GetValue<string>()), Is.EqualTo(new[] { tenant.Secret }));
            Assert.That(tokens.AsArray().Select(t => t!["biscuit"]!.GetValue<string>()), Is.EqualTo(new[] { biscuit }));
        });
        Assert.That((await As(biscuit).GetAsync($"/api/v1/organizations/{organizationId}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_secret_is_found_by_its_keyed_hash()
    {
        var tenant = await new Scenario(Master()).TenantAsync();
        var hash = ApiFixture.Factory.Services.GetRequiredService<CredentialSealing>().HashToken(Guid.Parse(tenant.Secret));

        Assert.That(await Database.ScalarAsync<string>("SELECT encode(token_hash, 'hex') FROM iam.application_secret"), Is.EqualTo(Convert.ToHexStringLower(hash)));
        Assert.That((await As(tenant.Secret).GetAsync($"/api/v1/event_types?application_id={tenant.ApplicationId}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        // The row answers to its hash only: another hash in its place and the secret is unknown.
        await Database.ExecuteAsync("UPDATE iam.application_secret SET token_hash = sha256(token_hash)");
        using var other = new Hook0Factory(Database);
        using var client = other.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", tenant.Secret);
        await AssertProblemAsync(await client.GetAsync($"/api/v1/event_types?application_id={tenant.ApplicationId}"), 403, "AuthInvalidBiscuit");
    }

    [Test]
    public async Task Credentials_written_in_clear_before_sealing_are_sealed_at_start_and_keep_working()
    {
        var tenant = await new Scenario(Master()).TenantAsync();
        var (session, organizationId) = await Accounts.UserAsync("legacy@example.com");
        var biscuit = (await PostJsonAsync(As(session.AccessToken), "/api/v1/service_token", new { organization_id = organizationId, name = "ci" }))["biscuit"]!.GetValue<string>();
        // As a version before ADR 0015 left them: the secret's token and the Biscuit in clear.
        var legacy = Guid.NewGuid();
        await Database.ExecuteAsync($"INSERT INTO iam.application_secret (token, application_id, name, created_at) VALUES ('{legacy}', '{tenant.ApplicationId}', 'Old', now())");
        await Database.ExecuteAsync($"UPDATE iam.token SET biscuit = '{biscuit}' WHERE type = 'service_access'");

        await using var restarted = new Hook0Factory(Database);
        using var client = restarted.CreateClient();

        Assert.Multiple(async () =>
        {
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM iam.application_secret WHERE token IS NOT NULL OR token_hash IS NULL"), Is.Zero);
            Assert.That(await Database.ScalarAsync<long>($"SELECT count(*) FROM iam.application_secret s WHERE position('{legacy}' in s::text) > 0"), Is.Zero);
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM iam.token WHERE biscuit NOT LIKE 'v1:%'"), Is.Zero);
        });
        client.DefaultRequestHeaders.Authorization = new("Bearer", legacy.ToString());
        Assert.That((await client.GetAsync($"/api/v1/event_types?application_id={tenant.ApplicationId}")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "the migrated secret authenticates");
        client.DefaultRequestHeaders.Authorization = new("Bearer", session.AccessToken);
        var listed = await JsonAsync(await client.GetAsync($"/api/v1/service_token?organization_id={organizationId}"));
        Assert.That(listed.AsArray().Select(t => t!["biscuit"]!.GetValue<string>()), Is.EqualTo(new[] { biscuit }));
        client.DefaultRequestHeaders.Authorization = new("Bearer", biscuit);
        Assert.That((await client.GetAsync($"/api/v1/organizations/{organizationId}")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "the service token authenticates after the restart");
    }

    [Test]
    public async Task After_a_key_rotation_every_credential_is_resealed_with_the_new_key_and_still_works()
    {
        var tenant = await new Scenario(Master()).TenantAsync();
        var (session, organizationId) = await Accounts.UserAsync("rotate@example.com");
        var biscuit = (await PostJsonAsync(As(session.AccessToken), "/api/v1/service_token", new { organization_id = organizationId, name = "ci" }))["biscuit"]!.GetValue<string>();
        var oldPrefix = await Database.ScalarAsync<string>("SELECT left(sealed_token, 20) FROM iam.application_secret");
        var newKey = Convert.ToBase64String(Enumerable.Repeat((byte)7, 32).ToArray());

        await using var rotated = new Hook0Factory(Database, new Dictionary<string, string?>
        {
            ["SECRETS_ENCRYPTION_KEY"] = newKey, ["SECRETS_ENCRYPTION_PREVIOUS_KEYS"] = Hook0Factory.SecretsEncryptionKey,
        });
        try
        {
            await AssertRotatedAsync(rotated, tenant, session, organizationId, biscuit, oldPrefix);
        }
        finally
        {
            // The run's database is shared: its key ring (kept between tests) and credentials go back under the run's
            // key, or every later server process of the run could no longer open the subscriptions' signing keys.
            await using var back = new Hook0Factory(Database, new Dictionary<string, string?>
            {
                ["SECRETS_ENCRYPTION_KEY"] = Hook0Factory.SecretsEncryptionKey, ["SECRETS_ENCRYPTION_PREVIOUS_KEYS"] = newKey,
            });
            _ = back.Server;
        }
    }

    private static async Task AssertRotatedAsync(Hook0Factory rotated, Tenant tenant, Session session, Guid organizationId, string biscuit, string? oldPrefix)
    {
        using var client = rotated.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", tenant.Secret);
        var response = await client.GetAsync($"/api/v1/event_types?application_id={tenant.ApplicationId}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), "found by the hash under the new key");
        Assert.Multiple(async () =>
        {
            Assert.That(await Database.ScalarAsync<long>($"SELECT count(*) FROM iam.application_secret WHERE left(sealed_token, 20) = '{oldPrefix}'"), Is.Zero);
            Assert.That(await Database.ScalarAsync<long>($"SELECT count(*) FROM iam.token WHERE left(biscuit, 20) = '{oldPrefix}'"), Is.Zero);
        });
        client.DefaultRequestHeaders.Authorization = new("Bearer", session.AccessToken);
        var listed = await JsonAsync(await client.GetAsync($"/api/v1/service_token?organization_id={organizationId}"));
        Assert.That(listed.AsArray().Select(t => t!["biscuit"]!.GetValue<string>()), Is.EqualTo(new[] { biscuit }));
    }

    [Test]
    public async Task A_production_server_without_the_secrets_key_refuses_to_start()
    {
        await using var server = ServerProcess.Start(new Dictionary<string, string?>
        {
            ["DATABASE_URL"] = Database.ConnectionString, ["MASTER_API_KEY"] = Hook0Factory.MasterKey, ["NO_AUTO_DB_MIGRATION"] = "true",
            ["DELIVERY_WORKERS_ENABLED"] = "false", ["SECRETS_ENCRYPTION_KEY"] = "",
        });

        Assert.That(await server.WaitForExitAsync(TimeSpan.FromMinutes(1)), Is.EqualTo(1));
        Assert.That(server.Output, Has.Some.Contains("SECRETS_ENCRYPTION_KEY: required in production"));
    }
}
