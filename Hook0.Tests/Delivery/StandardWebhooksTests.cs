using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hook0.Modules.Delivery.Sending.Signing;
using Hook0.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace Hook0.Tests.Delivery;

/// <summary>
/// Standard Webhooks signatures next to Hook0's, asymmetric v1a signatures and secret rotation, checked
/// on real deliveries by independent verifiers: npm <c>standardwebhooks</c> 1.1.1 for v1, Node's own
/// Ed25519 for v1a, and the reference Hook0 verification rules for <c>X-Hook0-Signature</c>.
/// </summary>
[NonParallelizable]
public sealed class StandardWebhooksTests : ReceiverHostTest
{
    protected override IReadOnlyDictionary<string, string?> HostSettings => new Dictionary<string, string?> { ["MAX_SUBSCRIPTION_SECRETS"] = "3" };

    private async Task<(Tenant Tenant, JsonNode Subscription)> SubscribeAsync(Dictionary<string, object?>? extra = null)
    {
        var tenant = await new Scenario(Host.Master()).TenantAsync();
        var body = new Dictionary<string, object?>
        {
            ["application_id"] = tenant.ApplicationId, ["is_enabled"] = true, ["event_types"] = new[] { tenant.EventType },
            ["labels"] = new Dictionary<string, string> { ["env"] = "prod" },
            ["target"] = new { type = "http", method = "POST", url = Receiver.Url(), headers = new Dictionary<string, string>() },
        };
        foreach (var (key, value) in extra ?? [])
        {
            body[key] = value;
        }

        var subscription = await PostJsonAsync(Host.Master(), "/api/v1/subscriptions", body);
        // The API refuses signature header names now; a subscription saved before that may still carry one.
        await Database.ExecuteAsync($"UPDATE webhook.subscription SET target_headers = '{{\"webhook-id\":\"spoofed\"}}' WHERE subscription_id = '{subscription["subscription_id"]}'");
        return (tenant, subscription);
    }

    private async Task IngestAsync(Tenant tenant, string payload = "{\"amount\":42}", string contentType = "application/json")
        => await new Scenario(Host.Master()).IngestAsync(tenant.ApplicationId, tenant.EventType, payload: payload, contentType: contentType);

    private static async Task<JsonNode> VerifyWithNodeAsync(ReceivedWebhook request, IEnumerable<string> secrets, string? publicKey = null)
        => JsonNode.Parse(await NodeRunner.RunAsync("standard/verify.cjs", Convert.ToBase64String(request.Body), JsonSerializer.Serialize(request.Headers),
            JsonSerializer.Serialize(secrets), publicKey ?? "-"))!;

    private static SignatureVerdict VerifyHook0(ReceivedWebhook request, string secret)
        => SignatureVerifier.Verify(request.Headers["x-hook0-signature"], request.Body, n => request.Headers.GetValueOrDefault(n), secret,
            DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));

    [Test]
    public async Task By_default_a_delivery_carries_both_schemes_signed_with_one_secret()
    {
        var (tenant, subscription) = await SubscribeAsync();
        var secret = subscription["secret"]!.GetValue<string>();
        var whsec = subscription["standard_secret"]!.GetValue<string>();
        await IngestAsync(tenant);

        var request = (await Receiver.WaitForAsync(1, TimeSpan.FromSeconds(10)))[0];
        var verdicts = await VerifyWithNodeAsync(request, [whsec, "whsec_" + Convert.ToBase64String(Encoding.UTF8.GetBytes(Guid.NewGuid().ToString()))]);

        Assert.Multiple(() =>
        {
            Assert.That(subscription["signature_schemes"]!.GetValue<string>(), Is.EqualTo("both"));
            Assert.That(whsec, Is.EqualTo("whsec_" + Convert.ToBase64String(Encoding.UTF8.GetBytes(secret))), "the same bytes Hook0 keys its HMAC with");
            Assert.That(request.Headers["webhook-id"], Does.Match("^msg_[0-9a-f]{64}$"), "ours replaces a custom header of the same name");
            Assert.That(long.Parse(request.Headers["webhook-timestamp"], System.Globalization.CultureInfo.InvariantCulture),
                Is.EqualTo(DateTimeOffset.UtcNow.ToUnixTimeSeconds()).Within(30));
            Assert.That(request.Headers["webhook-signature"], Does.Match("^v1,[A-Za-z0-9+/]{43}=$"));
            Assert.That(request.Headers["x-hook0-signature"], Does.Contain($"t={request.Headers["webhook-timestamp"]},"), "one moment for both");
            Assert.That(verdicts["secrets"]!.ToJsonString(), Is.EqualTo("[true,false]"), "standardwebhooks accepts the whsec_ secret, refuses another");
            Assert.That(VerifyHook0(request, secret), Is.EqualTo(SignatureVerdict.Accepted));
        });
    }

    [Test]
    public async Task Webhook_id_is_stable_across_retries_and_a_text_body_verifies_too()
    {
        Receiver.Respond = (n, ctx) => n == 0 ? Fail(ctx, 500) : ctx.Response.WriteAsync("ok");
        var (tenant, subscription) = await SubscribeAsync(new() { ["retry_policy"] = new { max_retries = 2, schedule = new[] { 1 } } });
        await IngestAsync(tenant, "plain text", "text/plain");

        var requests = await Receiver.WaitForAsync(2, TimeSpan.FromSeconds(15));
        var verdicts = await VerifyWithNodeAsync(requests[1], [subscription["standard_secret"]!.GetValue<string>()]);

        Assert.Multiple(() =>
        {
            Assert.That(requests[1].Headers["webhook-id"], Is.EqualTo(requests[0].Headers["webhook-id"]));
            Assert.That(verdicts["secrets"]!.ToJsonString(), Is.EqualTo("[true]"));
        });
    }

    [TestCase("standard", false, true)]
    [TestCase("hook0", true, false)]
    public async Task Signature_schemes_choose_the_headers(string schemes, bool hook0, bool standard)
    {
        var (tenant, subscription) = await SubscribeAsync(new() { ["signature_schemes"] = schemes });
        await IngestAsync(tenant);

        var request = (await Receiver.WaitForAsync(1, TimeSpan.FromSeconds(10)))[0];

        Assert.Multiple(() =>
        {
            Assert.That(subscription["signature_schemes"]!.GetValue<string>(), Is.EqualTo(schemes));
            Assert.That(request.Headers.ContainsKey("x-hook0-signature"), Is.EqualTo(hook0));
            Assert.That(request.Headers.ContainsKey("webhook-signature"), Is.EqualTo(standard));
            Assert.That(request.Headers["webhook-id"], standard ? Does.StartWith("msg_") : Is.EqualTo("spoofed"), "a custom header is the user's own without the standard scheme");
            Assert.That(request.Headers.ContainsKey("webhook-timestamp"), Is.EqualTo(standard));
        });
        if (standard)
        {
            Assert.That((await VerifyWithNodeAsync(request, [subscription["standard_secret"]!.GetValue<string>()]))["secrets"]!.ToJsonString(), Is.EqualTo("[true]"));
        }
        else
        {
            Assert.That(VerifyHook0(request, subscription["secret"]!.GetValue<string>()), Is.EqualTo(SignatureVerdict.Accepted));
        }
    }

    [Test]
    public async Task Asymmetric_signatures_verify_with_the_whpk_public_key_alone()
    {
        var (tenant, subscription) = await SubscribeAsync(new() { ["asymmetric_signatures"] = true });
        var publicKey = subscription["public_key"]!.GetValue<string>();
        await IngestAsync(tenant);

        var request = (await Receiver.WaitForAsync(1, TimeSpan.FromSeconds(10)))[0];
        var verdicts = await VerifyWithNodeAsync(request, [subscription["standard_secret"]!.GetValue<string>()], publicKey);
        var otherKey = (await SubscribeAsync(new() { ["asymmetric_signatures"] = true })).Subscription["public_key"]!.GetValue<string>();
        var withOtherKey = await VerifyWithNodeAsync(request, [], otherKey);

        Assert.Multiple(() =>
        {
            Assert.That(publicKey, Does.Match("^whpk_[A-Za-z0-9+/]{43}=$"), "32 raw bytes");
            Assert.That(request.Headers["webhook-signature"], Does.Match("^v1,\\S+ v1a,[A-Za-z0-9+/]{86}==$"));
            Assert.That(verdicts["v1a"]!.GetValue<bool>(), Is.True, "Node's Ed25519 verify accepts it");
            Assert.That(verdicts["secrets"]!.ToJsonString(), Is.EqualTo("[true]"), "the v1 entry still serves HMAC receivers");
            Assert.That(withOtherKey["v1a"]!.GetValue<bool>(), Is.False);
        });
    }

    [Test]
    public async Task During_a_rotation_both_secrets_verify_and_the_hook0_header_stays_on_the_previous_one()
    {
        var (tenant, subscription) = await SubscribeAsync();
        var id = subscription["subscription_id"]!.GetValue<Guid>();
        var previous = subscription["secret"]!.GetValue<string>();
        var previousWhsec = subscription["standard_secret"]!.GetValue<string>();

        var rotated = await JsonAsync(await Host.Master().PostAsJsonAsync($"/api/v1/subscriptions/{id}/secret/rotate", new { application_id = tenant.ApplicationId }));
        var secrets = rotated["secrets"]!.AsArray();
        var newest = secrets[0]!["secret"]!.GetValue<string>();
        await IngestAsync(tenant);
        var request = (await Receiver.WaitForAsync(1, TimeSpan.FromSeconds(10)))[0];
        var verdicts = await VerifyWithNodeAsync(request, [previousWhsec, rotated["standard_secret"]!.GetValue<string>()]);

        Assert.Multiple(() =>
        {
            Assert.That(secrets, Has.Count.EqualTo(2));
            Assert.That(newest, Is.Not.EqualTo(previous));
            Assert.That(secrets[0]!["expires_at"], Is.Null);
            Assert.That(DateTime.Parse(secrets[1]!["expires_at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime(),
                Is.EqualTo(DateTime.UtcNow.AddHours(24)).Within(TimeSpan.FromMinutes(1)), "the default grace period");
            Assert.That(rotated["secret"]!.GetValue<string>(), Is.EqualTo(previous), "upstream's field: what X-Hook0-Signature uses now");
            Assert.That(rotated["standard_secret"]!.GetValue<string>(), Is.EqualTo(secrets[0]!["standard_secret"]!.GetValue<string>()));
            Assert.That(request.Headers["webhook-signature"].Split(' '), Has.Length.EqualTo(2));
            Assert.That(verdicts["secrets"]!.ToJsonString(), Is.EqualTo("[true,true]"), "old and new secret both verify");
            Assert.That(VerifyHook0(request, previous), Is.EqualTo(SignatureVerdict.Accepted));
            Assert.That(VerifyHook0(request, newest), Is.EqualTo(SignatureVerdict.CodeMismatch));
        });
    }

    [Test]
    public async Task After_the_grace_period_only_the_new_secret_signs()
    {
        await using var host = new DeliveryHost(new Dictionary<string, string?> { ["SECRET_ROTATION_GRACE_PERIOD_IN_S"] = "0" });
        var tenant = await new Scenario(host.Master()).TenantAsync();
        var subscription = await new Scenario(host.Master()).SubscriptionAsync(tenant.ApplicationId, [tenant.EventType], url: Receiver.Url());
        var id = subscription["subscription_id"]!.GetValue<Guid>();

        var rotated = await JsonAsync(await host.Master().PostAsJsonAsync($"/api/v1/subscriptions/{id}/secret/rotate", new { application_id = tenant.ApplicationId }));
        await new Scenario(host.Master()).IngestAsync(tenant.ApplicationId, tenant.EventType);
        var request = (await Receiver.WaitForAsync(1, TimeSpan.FromSeconds(10)))[0];
        var verdicts = await VerifyWithNodeAsync(request, [subscription["standard_secret"]!.GetValue<string>(), rotated["standard_secret"]!.GetValue<string>()]);

        Assert.Multiple(() =>
        {
            Assert.That(rotated["secrets"]!.AsArray(), Has.Count.EqualTo(1));
            Assert.That(rotated["secret"]!.GetValue<string>(), Is.Not.EqualTo(subscription["secret"]!.GetValue<string>()));
            Assert.That(verdicts["secrets"]!.ToJsonString(), Is.EqualTo("[false,true]"));
            Assert.That(VerifyHook0(request, rotated["secret"]!.GetValue<string>()), Is.EqualTo(SignatureVerdict.Accepted));
        });
    }

    [Test]
    public async Task Rotation_is_refused_beyond_the_limit_of_valid_secrets_and_for_unknown_subscriptions()
    {
        var (tenant, subscription) = await SubscribeAsync();
        var url = $"/api/v1/subscriptions/{subscription["subscription_id"]}/secret/rotate";
        var body = new { application_id = tenant.ApplicationId };
        await JsonAsync(await Host.Master().PostAsJsonAsync(url, body));
        var twice = await JsonAsync(await Host.Master().PostAsJsonAsync(url, body));

        await AssertProblemAsync(await Host.Master().PostAsJsonAsync(url, body), 409, "TooManySubscriptionSecrets");
        await AssertProblemAsync(await Host.Master().PostAsJsonAsync($"/api/v1/subscriptions/{Guid.NewGuid()}/secret/rotate", body), 404, "NotFound");
        await AssertProblemAsync(await As(tenant.Secret).PostAsJsonAsync(url, new { application_id = Guid.NewGuid() }), 403, "Forbidden");
        Assert.That(twice["secrets"]!.AsArray(), Has.Count.EqualTo(3));
    }

    [Test]
    public async Task An_upstream_put_keeps_the_schemes_and_the_key_and_bad_values_are_refused()
    {
        var (tenant, subscription) = await SubscribeAsync(new() { ["signature_schemes"] = "standard", ["asymmetric_signatures"] = true });
        var url = $"/api/v1/subscriptions/{subscription["subscription_id"]}";
        var upstream = new Dictionary<string, object?>
        {
            ["application_id"] = tenant.ApplicationId, ["is_enabled"] = true, ["event_types"] = new[] { tenant.EventType },
            ["labels"] = new Dictionary<string, string> { ["env"] = "prod" },
            ["target"] = new { type = "http", method = "POST", url = Receiver.Url(), headers = new Dictionary<string, string>() },
        };

        var kept = await JsonAsync(await Host.Master().PutAsJsonAsync(url, upstream));
        upstream["signature_schemes"] = null;
        upstream["asymmetric_signatures"] = false;
        var reset = await JsonAsync(await Host.Master().PutAsJsonAsync(url, upstream));
        upstream["signature_schemes"] = "svix";
        var refused = await AssertProblemAsync(await Host.Master().PutAsJsonAsync(url, upstream), 422, "Validation");

        Assert.Multiple(() =>
        {
            Assert.That(kept["signature_schemes"]!.GetValue<string>(), Is.EqualTo("standard"));
            Assert.That(kept["public_key"]!.GetValue<string>(), Is.EqualTo(subscription["public_key"]!.GetValue<string>()));
            Assert.That(kept["secret"]!.GetValue<string>(), Is.EqualTo(subscription["secret"]!.GetValue<string>()));
            Assert.That(reset["signature_schemes"]!.GetValue<string>(), Is.EqualTo("both"));
            Assert.That(reset["public_key"], Is.Null);
            Assert.That(refused.ToJsonString(), Does.Contain("signature_schemes"));
        });
    }

    [Test]
    public async Task Secrets_are_sealed_at_rest_and_the_key_ring_is_encrypted()
    {
        var (_, subscription) = await SubscribeAsync(new() { ["asymmetric_signatures"] = true });
        var secret = subscription["secret"]!.GetValue<string>();
        var whsec = subscription["standard_secret"]!.GetValue<string>();

        var dump = await Database.ScalarAsync<string>(
            "SELECT concat_ws('|', (SELECT string_agg(s::text, '|') FROM webhook.subscription s), (SELECT string_agg(k::text, '|') FROM webhook.subscription_secret k))");
        var ring = await Database.ScalarAsync<string>("SELECT string_agg(xml, '|') FROM webhook.data_protection_key");

        Assert.Multiple(() =>
        {
            Assert.That(dump, Does.Not.Contain(secret));
            Assert.That(dump, Does.Not.Contain(whsec[6..]));
            Assert.That(dump, Does.Contain("ed25519"));
            Assert.That(ring, Does.Contain("aesGcmSealed"));
            Assert.That(ring, Does.Not.Contain("<masterKey"));
        });
    }

    private static async Task Fail(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        await context.Response.WriteAsync("no");
    }
}
