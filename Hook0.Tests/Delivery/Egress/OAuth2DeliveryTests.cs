using System.Net.Http.Json;
using System.Text;
using Hook0.Modules.Delivery.Secrets;
using Hook0.Modules.Delivery.Sending;
using Hook0.Modules.Delivery.Sending.Egress;
using Hook0.Modules.Delivery.Sending.TargetGuard;
using Hook0.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hook0.Tests.Delivery.Egress;

/// <summary>OAuth2 client credentials per subscription against a loopback token endpoint.</summary>
[NonParallelizable]
public sealed class OAuth2DeliveryTests : ApiTest
{
    private const string ClientSecret = "cl13nt-s3cret-never-shown";
    private readonly ListLoggerProvider _logs = new();
    private DeliveryHost _host = null!;
    private WebhookReceiver _receiver = null!;
    private WebhookReceiver _tokenEndpoint = null!;

    [OneTimeSetUp]
    public void StartHost() => _host = new DeliveryHost(services: s => s.AddSingleton<ILoggerProvider>(_logs));

    [OneTimeTearDown]
    public async Task StopHostAsync() => await _host.DisposeAsync();

    [SetUp]
    public async Task StartAsync()
    {
        _receiver = await WebhookReceiver.StartAsync();
        _tokenEndpoint = await WebhookReceiver.StartAsync();
        _tokenEndpoint.Respond = (n, ctx) => Token(ctx, $"tok-{n}", 3600);
    }

    [TearDown]
    public async Task StopAsync()
    {
        await _receiver.DisposeAsync();
        await _tokenEndpoint.DisposeAsync();
    }

    private static Task Token(HttpContext ctx, string token, int expiresIn)
        => ctx.Response.WriteAsJsonAsync(new Dictionary<string, object> { ["access_token"] = token, ["token_type"] = "Bearer", ["expires_in"] = expiresIn });

    private Dictionary<string, object?> Body(Tenant tenant, object? oauth2) => new()
    {
        ["application_id"] = tenant.ApplicationId, ["is_enabled"] = true, ["event_types"] = new[] { tenant.EventType },
        ["labels"] = new Dictionary<string, string> { ["env"] = "prod" },
        ["target"] = new { type = "http", method = "POST", url = _receiver.Url(), headers = new Dictionary<string, string>() },
        ["retry_policy"] = new { max_retries = 0, schedule = new[] { 1 } },
        ["oauth2"] = oauth2,
    };

    private object OAuth2() => new
    {
        token_url = _tokenEndpoint.Url("/oauth/token"), client_id = "hook0-client", client_secret = ClientSecret,
        scopes = new[] { "webhooks:write", "audit" }, audience = "https://api.example",
    };

    private async Task<Tenant> SubscribeAsync(object? oauth2 = null)
    {
        var tenant = await new Scenario(_host.Master()).TenantAsync();
        await PostJsonAsync(_host.Master(), "/api/v1/subscriptions", Body(tenant, oauth2 ?? OAuth2()));
        return tenant;
    }

    private Task<Guid> IngestAsync(Tenant tenant) => new Scenario(_host.Master()).IngestAsync(tenant.ApplicationId, tenant.EventType);

    [Test]
    public async Task One_token_fetch_serves_a_hundred_deliveries()
    {
        var tenant = await SubscribeAsync();
        for (var i = 0; i < 100; i++)
        {
            await IngestAsync(tenant);
        }

        var deliveries = await _receiver.WaitForAsync(100, TimeSpan.FromSeconds(60));

        var fetch = _tokenEndpoint.Received.Single();
        var form = Encoding.UTF8.GetString(fetch.Body);
        Assert.Multiple(() =>
        {
            Assert.That(deliveries.Select(d => d.Headers["authorization"]).Distinct(), Is.EqualTo(new[] { "Bearer tok-0" }));
            Assert.That(fetch.Path, Is.EqualTo("/oauth/token"));
            Assert.That(fetch.Headers["authorization"], Is.EqualTo("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"hook0-client:{ClientSecret}"))));
            Assert.That(form, Does.Contain("grant_type=client_credentials").And.Contain("scope=webhooks%3Awrite+audit").And.Contain("audience=https%3A%2F%2Fapi.example"));
        });
    }

    [Test]
    public async Task A_token_past_its_expiry_is_fetched_again()
    {
        _tokenEndpoint.Respond = (n, ctx) => Token(ctx, $"tok-{n}", 1);
        var tenant = await SubscribeAsync();

        // Deliver until the one-second token has been replaced (no timing asserted: only that it happens).
        await Eventually.HoldsAsync(async () =>
        {
            var before = _receiver.Received.Count;
            await IngestAsync(tenant);
            await _receiver.WaitForAsync(before + 1, TimeSpan.FromSeconds(10));
            return _tokenEndpoint.Received.Count >= 2;
        }, TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(200));

        var tokens = _receiver.Received.Select(d => d.Headers["authorization"]).Distinct().ToList();
        Assert.That(tokens.Take(2), Is.EqualTo(new[] { "Bearer tok-0", "Bearer tok-1" }));
    }

    [Test]
    public async Task A_401_refreshes_the_token_and_retries_once_within_the_same_attempt()
    {
        _receiver.Respond = (_, ctx) =>
        {
            ctx.Response.StatusCode = ctx.Request.Headers.Authorization == "Bearer tok-0" ? 401 : 200;
            return ctx.Response.WriteAsync("done");
        };
        var tenant = await SubscribeAsync();
        await IngestAsync(tenant);

        var requests = await _receiver.WaitForAsync(2, TimeSpan.FromSeconds(10));
        var rows = await Eventually.ReadAsync(() => Database.ScalarAsync<string>(
                "SELECT string_agg(attempt_number || ':' || outcome || ':' || coalesce(http_code::text, '-'), ',') FROM webhook.attempt"),
            v => v is not null, TimeSpan.FromSeconds(10));

        Assert.Multiple(() =>
        {
            Assert.That(requests.Select(r => r.Headers["authorization"]), Is.EqualTo(new[] { "Bearer tok-0", "Bearer tok-1" }));
            Assert.That(rows, Is.EqualTo("0:succeeded:200"), "one recorded attempt");
            Assert.That(_tokenEndpoint.Received, Has.Count.EqualTo(2));
        });
    }

    [Test]
    public async Task A_second_401_is_the_attempts_answer_no_third_try()
    {
        _receiver.Respond = (_, ctx) =>
        {
            ctx.Response.StatusCode = 401;
            return ctx.Response.WriteAsync("no");
        };
        var tenant = await SubscribeAsync();
        await IngestAsync(tenant);

        var row = await Eventually.ReadAsync(() => Database.ScalarAsync<string>("SELECT outcome || ':' || http_code || ':' || response_error_name FROM webhook.attempt"),
            v => v is not null, TimeSpan.FromSeconds(10));

        Assert.That(row, Is.EqualTo("given_up:401:E_HTTP"));
        Assert.That(_receiver.Received, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Refused_credentials_are_recorded_as_E_OAUTH2_and_nothing_is_sent()
    {
        _tokenEndpoint.Respond = (_, ctx) =>
        {
            ctx.Response.StatusCode = 401;
            return ctx.Response.WriteAsJsonAsync(new { error = "invalid_client", error_description = "Client authentication failed" });
        };
        var tenant = await SubscribeAsync();
        await IngestAsync(tenant);

        var row = await Eventually.ReadAsync(() => Database.ScalarAsync<string>(
                "SELECT outcome || '|' || response_error_name || '|' || convert_from(response_body, 'UTF8') FROM webhook.attempt"),
            v => v is not null, TimeSpan.FromSeconds(10));

        Assert.Multiple(() =>
        {
            Assert.That(row, Does.StartWith("given_up|E_OAUTH2|"));
            Assert.That(row, Does.Contain("HTTP 401: invalid_client (Client authentication failed)"));
            Assert.That(row, Does.Not.Contain(ClientSecret));
            Assert.That(_receiver.Received, Is.Empty);
            Assert.That(_logs.Lines.Select(l => l.Message), Has.None.Contains(ClientSecret));
        });
    }

    [Test]
    public async Task The_client_secret_is_sealed_at_rest_and_never_returned()
    {
        var tenant = await new Scenario(_host.Master()).TenantAsync();
        var body = Body(tenant, OAuth2());
        var created = await PostJsonAsync(_host.Master(), "/api/v1/subscriptions", body);
        var id = created["subscription_id"]!.GetValue<Guid>();
        var fetched = await JsonAsync(await _host.Master().GetAsync($"/api/v1/subscriptions/{id}?application_id={tenant.ApplicationId}"));
        var listed = await (await _host.Master().GetAsync($"/api/v1/subscriptions?application_id={tenant.ApplicationId}")).Content.ReadAsStringAsync();
        var stored = await Database.ScalarAsync<string>($"SELECT oauth2::text FROM webhook.subscription WHERE subscription_id = '{id}'");
        body.Remove("oauth2");
        var kept = await JsonAsync(await _host.Master().PutAsJsonAsync($"/api/v1/subscriptions/{id}", body));
        body["oauth2"] = null;
        var removed = await JsonAsync(await _host.Master().PutAsJsonAsync($"/api/v1/subscriptions/{id}", body));

        Assert.Multiple(() =>
        {
            Assert.That(created["oauth2"]!.ToJsonString(), Is.EqualTo(
                $$"""{"token_url":"{{_tokenEndpoint.Url("/oauth/token")}}","client_id":"hook0-client","scopes":["webhooks:write","audit"],"audience":"https://api.example"}"""));
            Assert.That(created.ToJsonString() + fetched.ToJsonString() + listed, Does.Not.Contain(ClientSecret));
            Assert.That(stored, Does.Contain("hook0-client").And.Not.Contain(ClientSecret));
            Assert.That(kept["oauth2"]!["client_id"]!.GetValue<string>(), Is.EqualTo("hook0-client"), "an upstream client's update keeps it");
            Assert.That(removed["oauth2"], Is.Null);
        });
    }

    [TestCase("client_secret", null, "oauth2.client_secret")]
    [TestCase("token_url", "ftp://example.com/token", "oauth2.token_url")]
    [TestCase("scopes", "not a list", "oauth2.scopes")]
    public async Task A_malformed_oauth2_member_is_a_validation_problem(string member, object? value, string field)
    {
        var tenant = await new Scenario(_host.Master()).TenantAsync();
        var oauth2 = new Dictionary<string, object?> { ["token_url"] = "https://auth.example/token", ["client_id"] = "c", ["client_secret"] = "s", [member] = value };

        var problem = await AssertProblemAsync(await _host.Master().PostAsJsonAsync("/api/v1/subscriptions", Body(tenant, oauth2)), 422, "Validation");

        Assert.That(problem["validation"]![field], Is.Not.Null, problem.ToJsonString());
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM webhook.subscription"), Is.Zero);
    }

    [Test]
    public void The_token_endpoint_is_behind_the_ssrf_guard()
    {
        var tokens = new OAuth2Tokens(_host.Services.GetRequiredService<SecretProtector>(), TimeProvider.System, Options.Create(new DeliveryOptions()));
        using var guarded = new HttpClient(DeliveryHttpHandlerFactory.Create(new DeliveryHttpOptions()));
        var settings = new OAuth2Settings(_tokenEndpoint.Url("/oauth/token"), "c", _host.Services.GetRequiredService<SecretProtector>().Protect("s"), [], null);

        var failure = Assert.ThrowsAsync<OAuth2TokenException>(async () => await tokens.GetAsync(Guid.NewGuid(), settings, guarded));

        Assert.That(failure!.Message, Does.Contain("forbidden IP"));
        Assert.That(_tokenEndpoint.Received, Is.Empty);
    }
}
