using System.Net.Http.Json;
using Hook0.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hook0.Tests.Delivery.Egress;

/// <summary>A subscription's <c>proxy</c> end to end: chosen by name, deliveries through tinyproxy, the attempt says so.</summary>
[NonParallelizable]
public sealed class EgressProxyDeliveryTests : ApiTest
{
    private WebhookReceiver _receiver = null!;
    private Tinyproxy _proxy = null!;
    private DeliveryHost _host = null!;
    private readonly ListLoggerProvider _logs = new();

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _receiver = await WebhookReceiver.StartAsync();
        _proxy = await Tinyproxy.StartAsync(new Uri(_receiver.Url()).Port);
        _host = new DeliveryHost(new Dictionary<string, string?> { ["EGRESS_PROXIES"] = $"corp={_proxy.Url}" },
            services => services.AddSingleton<ILoggerProvider>(_logs));
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _host.DisposeAsync();
        await _proxy.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    private async Task<(Tenant Tenant, Dictionary<string, object?> Body)> BodyAsync(object? proxy)
    {
        var tenant = await new Scenario(_host.Master()).TenantAsync();
        var body = new Dictionary<string, object?>
        {
            ["application_id"] = tenant.ApplicationId, ["is_enabled"] = true, ["event_types"] = new[] { tenant.EventType },
            ["labels"] = new Dictionary<string, string> { ["env"] = "prod" },
            ["target"] = new { type = "http", method = "POST", url = _receiver.Url(), headers = new Dictionary<string, string>() },
        };
        if (proxy is not null)
        {
            body["proxy"] = proxy;
        }

        return (tenant, body);
    }

    [Test]
    public async Task Deliveries_of_a_subscription_choosing_a_proxy_go_through_it_and_the_attempt_says_so()
    {
        var (tenant, body) = await BodyAsync("corp");
        var created = await PostJsonAsync(_host.Master(), "/api/v1/subscriptions", body);
        await new Scenario(_host.Master()).IngestAsync(tenant.ApplicationId, tenant.EventType);

        await _receiver.WaitForAsync(1, TimeSpan.FromSeconds(10));
        var attemptId = await Eventually.ReadAsync(() => Database.ScalarAsync<Guid?>("SELECT request_attempt_id FROM webhook.attempt WHERE outcome = 'succeeded'"),
            v => v is not null, TimeSpan.FromSeconds(10));
        var attempt = await JsonAsync(await _host.Master().GetAsync($"/api/v1/request_attempts/{attemptId}?application_id={tenant.ApplicationId}"));

        var port = new Uri(_receiver.Url()).Port;
        Assert.Multiple(() =>
        {
            Assert.That(created["proxy"]!.GetValue<string>(), Is.EqualTo("corp"));
            Assert.That(_proxy.Requests(), Does.Contain($"CONNECT 127.0.0.1:{port} HTTP/1.1"));
            Assert.That(attempt["request"]!["egress_proxy"]!.GetValue<string>(), Is.EqualTo("corp"), attempt.ToJsonString());
            Assert.That(attempt.ToJsonString(), Does.Not.Contain(Tinyproxy.Password));
            Assert.That(_logs.Lines.Select(l => l.Message), Has.None.Contains(Tinyproxy.Password), "proxy credentials are never logged");
        });
    }

    [Test]
    public async Task Without_a_proxy_deliveries_go_directly_and_the_attempt_names_none()
    {
        var (tenant, body) = await BodyAsync(null);
        var created = await PostJsonAsync(_host.Master(), "/api/v1/subscriptions", body);
        var before = _proxy.Requests().Count;
        await new Scenario(_host.Master()).IngestAsync(tenant.ApplicationId, tenant.EventType);

        var attemptId = await Eventually.ReadAsync(() => Database.ScalarAsync<Guid?>("SELECT request_attempt_id FROM webhook.attempt WHERE outcome = 'succeeded'"),
            v => v is not null, TimeSpan.FromSeconds(10));
        var attempt = await JsonAsync(await _host.Master().GetAsync($"/api/v1/request_attempts/{attemptId}?application_id={tenant.ApplicationId}"));

        Assert.That(created["proxy"], Is.Null);
        Assert.That(attempt["request"]!.AsObject().ContainsKey("egress_proxy"), Is.False);
        Assert.That(_proxy.Requests(), Has.Count.EqualTo(before));
    }

    [TestCase("elsewhere")]
    [TestCase("http://127.0.0.1:3128")]
    [TestCase(42)]
    public async Task A_proxy_the_instance_does_not_define_is_a_validation_problem(object proxy)
    {
        var (_, body) = await BodyAsync(proxy);

        var problem = await AssertProblemAsync(await _host.Master().PostAsJsonAsync("/api/v1/subscriptions", body), 422, "Validation");

        Assert.That(problem["validation"]!["proxy"]!.AsArray().Select(f => f!["code"]!.GetValue<string>()), Does.Contain("proxy"));
        Assert.That(problem.ToJsonString(), Does.Not.Contain(Tinyproxy.Password));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM webhook.subscription"), Is.Zero);
    }

    [Test]
    public async Task An_update_that_omits_the_proxy_keeps_it_and_null_resets_it()
    {
        var (_, body) = await BodyAsync("corp");
        var created = await PostJsonAsync(_host.Master(), "/api/v1/subscriptions", body);
        var id = created["subscription_id"]!.GetValue<Guid>();
        body.Remove("proxy");

        var kept = await JsonAsync(await _host.Master().PutAsJsonAsync($"/api/v1/subscriptions/{id}", body));
        body["proxy"] = null;
        var reset = await JsonAsync(await _host.Master().PutAsJsonAsync($"/api/v1/subscriptions/{id}", body));
        body["proxy"] = "direct";
        var direct = await JsonAsync(await _host.Master().PutAsJsonAsync($"/api/v1/subscriptions/{id}", body));

        Assert.That(kept["proxy"]!.GetValue<string>(), Is.EqualTo("corp"));
        Assert.That(reset["proxy"], Is.Null);
        Assert.That(direct["proxy"]!.GetValue<string>(), Is.EqualTo("direct"));
    }
}
