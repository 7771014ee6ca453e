using System.Text.Json.Nodes;
using Hook0.Receiver;
using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.Receiver;

/// <summary>
/// Real deliveries from the server (workers on, loopback target) into a receiver built with
/// <c>MapHook0Webhook</c>, for every signature scheme the server emits; and refusals of tampered, stale,
/// replayed and wrongly keyed copies of those same deliveries.
/// </summary>
[NonParallelizable]
public sealed class ServerDeliveryTests : ApiTest
{
    private DeliveryHost _host = null!;
    private ReceiverApp _receiver = null!;

    [OneTimeSetUp]
    public void StartHost() => _host = new DeliveryHost();

    [OneTimeTearDown]
    public async Task StopHostAsync() => await _host.DisposeAsync();

    [SetUp]
    public async Task StartReceiverAsync() => _receiver = await ReceiverApp.StartAsync();

    [TearDown]
    public async Task StopReceiverAsync() => await _receiver.DisposeAsync();

    private async Task<(Tenant Tenant, JsonNode Subscription)> SubscribeAsync(HttpClient master, Dictionary<string, object?>? extra = null)
    {
        var tenant = await new Scenario(master).TenantAsync();
        var body = new Dictionary<string, object?>
        {
            ["application_id"] = tenant.ApplicationId, ["is_enabled"] = true, ["event_types"] = new[] { tenant.EventType },
            ["labels"] = new Dictionary<string, string> { ["env"] = "prod" },
            ["target"] = new { type = "http", method = "POST", url = _receiver.Url, headers = new Dictionary<string, string> { ["x-tenant"] = "acme" } },
            ["retry_policy"] = new { max_retries = 0, schedule = new[] { 1 } },
        };
        foreach (var (key, value) in extra ?? [])
        {
            body[key] = value;
        }

        return (tenant, await PostJsonAsync(master, "/api/v1/subscriptions", body));
    }

    private static async Task IngestAsync(HttpClient master, Tenant tenant)
        => await new Scenario(master).IngestAsync(tenant.ApplicationId, tenant.EventType, payload: "{\"amount\":42,\"note\":\"caf\u00e9\"}");

    [TestCase("hook0", "secret", WebhookSchemes.Hook0)]
    [TestCase("standard", "standard_secret", WebhookSchemes.Standard)]
    [TestCase("both", "secret", WebhookSchemes.Standard)]
    [TestCase("both", "standard_secret", WebhookSchemes.Standard)]
    public async Task A_delivery_verifies_with_the_subscription_secret(string schemes, string secretField, WebhookSchemes checkedScheme)
    {
        var (tenant, subscription) = await SubscribeAsync(_host.Master(), new() { ["signature_schemes"] = schemes });
        _receiver.Keys.Secrets.Add(subscription[secretField]!.GetValue<string>());
        await IngestAsync(_host.Master(), tenant);

        await _receiver.WaitForAnswersAsync(1);
        _receiver.Handled.TryPeek(out var handled);

        Assert.Multiple(() =>
        {
            Assert.That(_receiver.Answers.First().Status, Is.EqualTo(200), _receiver.Answers.First().Body);
            Assert.That(handled.Verification.Scheme, Is.EqualTo(checkedScheme));
            Assert.That(handled.EventType, Is.EqualTo(tenant.EventType));
            Assert.That(handled.Verification.MessageId, checkedScheme == WebhookSchemes.Standard ? Does.StartWith("msg_") : Is.EqualTo(handled.Headers["x-event-id"]));
        });
    }

    [Test]
    public async Task The_hook0_header_alone_verifies_when_the_receiver_accepts_only_that_scheme()
    {
        var (tenant, subscription) = await SubscribeAsync(_host.Master());
        _receiver.Keys.Secrets.Add(subscription["secret"]!.GetValue<string>());
        _receiver.Keys.Schemes = WebhookSchemes.Hook0;
        await IngestAsync(_host.Master(), tenant);

        await _receiver.WaitForAnswersAsync(1);
        _receiver.Handled.TryPeek(out var handled);

        Assert.Multiple(() =>
        {
            Assert.That(_receiver.Answers.First().Status, Is.EqualTo(200), _receiver.Answers.First().Body);
            Assert.That(handled.Verification.Scheme, Is.EqualTo(WebhookSchemes.Hook0));
            Assert.That(handled.Headers["x-hook0-signature"], Does.Contain(",h=").And.Contain("x-tenant").And.Contain(",v1="), "v1 covers the custom header too");
        });
    }

    [Test]
    public async Task An_asymmetric_delivery_verifies_with_the_public_key_alone()
    {
        var (tenant, subscription) = await SubscribeAsync(_host.Master(), new() { ["asymmetric_signatures"] = true });
        _receiver.Keys.PublicKeys.Add(subscription["public_key"]!.GetValue<string>());
        await IngestAsync(_host.Master(), tenant);

        await _receiver.WaitForAnswersAsync(1);
        _receiver.Handled.TryPeek(out var handled);

        Assert.Multiple(() =>
        {
            Assert.That(_receiver.Answers.First().Status, Is.EqualTo(200), _receiver.Answers.First().Body);
            Assert.That(handled.Verification.Scheme, Is.EqualTo(WebhookSchemes.Standard));
            Assert.That(handled.Headers["webhook-signature"], Does.Contain("v1a,"));
        });
    }

    [Test]
    public async Task The_older_v0_scheme_verifies_too()
    {
        await using var v0Host = new DeliveryHost(new Dictionary<string, string?> { ["ENABLED_SIGNATURE_VERSIONS"] = "v0" });
        var (tenant, subscription) = await SubscribeAsync(v0Host.Master(), new() { ["signature_schemes"] = "hook0" });
        _receiver.Keys.Secrets.Add(subscription["secret"]!.GetValue<string>());
        await IngestAsync(v0Host.Master(), tenant);

        await _receiver.WaitForAnswersAsync(1);
        _receiver.Handled.TryPeek(out var handled);

        Assert.Multiple(() =>
        {
            Assert.That(_receiver.Answers.First().Status, Is.EqualTo(200), _receiver.Answers.First().Body);
            Assert.That(handled.Headers["x-hook0-signature"], Does.Match("^t=\\d+,v0=[0-9a-f]{64}$"));
        });
    }

    [Test]
    public async Task A_wrong_secret_gets_401_with_the_reason_and_the_handler_never_runs()
    {
        var (tenant, _) = await SubscribeAsync(_host.Master());
        _receiver.Keys.Secrets.Add(Guid.NewGuid().ToString());
        await IngestAsync(_host.Master(), tenant);

        await _receiver.WaitForAnswersAsync(1);
        var (status, body) = _receiver.Answers.First();
        var problem = JsonNode.Parse(body)!;

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(401));
            Assert.That(problem["detail"]!.GetValue<string>(), Is.EqualTo("the signature does not match any configured secret or key"));
            Assert.That(problem["failure"]!.GetValue<string>(), Is.EqualTo("SignatureMismatch"));
            Assert.That(_receiver.Handled, Is.Empty);
        });
    }

    [Test]
    public async Task Tampered_stale_and_replayed_copies_of_a_real_delivery_are_refused()
    {
        var (tenant, subscription) = await SubscribeAsync(_host.Master());
        _receiver.Keys.Secrets.Add(subscription["secret"]!.GetValue<string>());
        _receiver.Keys.ReplayGuard = new MemoryReplayGuard(TimeSpan.FromMinutes(5));
        await IngestAsync(_host.Master(), tenant);
        await _receiver.WaitForAnswersAsync(1);
        _receiver.Handled.TryPeek(out var original);
        using var client = new HttpClient();

        async Task<(int Status, string Failure)> SendAsync(byte[] body, Func<string, string, bool>? keep = null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, _receiver.Url) { Content = new ByteArrayContent(body) };
            foreach (var (name, value) in original.Headers.Where(h => h.Key is not ("host" or "content-length" or "content-type")))
            {
                if (keep is null || keep(name, value))
                {
                    request.Headers.TryAddWithoutValidation(name, value);
                }
            }

            request.Content.Headers.TryAddWithoutValidation("content-type", original.Headers["content-type"]);
            var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            return ((int)response.StatusCode, text.Length == 0 ? "" : JsonNode.Parse(text)?["failure"]?.GetValue<string>() ?? "");
        }

        var tampered = await SendAsync([.. original.Body.Take(original.Body.Length - 1), (byte)' ']);
        var replayed = await SendAsync(original.Body);
        var hook0Only = await SendAsync(original.Body, (name, _) => !name.StartsWith("webhook-", StringComparison.Ordinal));
        var strippedCovered = await SendAsync(original.Body, (name, _) => !name.StartsWith("webhook-", StringComparison.Ordinal) && name != "x-tenant");
        _receiver.Clock.Advance(TimeSpan.FromMinutes(10));
        var stale = await SendAsync(original.Body);

        Assert.Multiple(() =>
        {
            Assert.That(_receiver.Answers.First().Status, Is.EqualTo(200), "the real delivery itself");
            Assert.That(tampered, Is.EqualTo((401, "SignatureMismatch")));
            Assert.That(replayed, Is.EqualTo((401, "Replayed")));
            Assert.That(hook0Only, Is.EqualTo((401, "Replayed")), "the Hook0 header names the same event at the same moment");
            Assert.That(strippedCovered, Is.EqualTo((401, "HeaderNotDelivered")), "a relay dropping a covered header is caught");
            Assert.That(stale, Is.EqualTo((401, "OutsideTolerance")));
            Assert.That(_receiver.Handled, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task A_body_above_the_limit_gets_413_before_any_check()
    {
        _receiver.Keys.Secrets.Add("whatever");
        using var client = new HttpClient();

        var response = await client.PostAsync(_receiver.Url, new ByteArrayContent(new byte[(1024 * 1024) + 1]));

        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(413));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        });
    }
}
