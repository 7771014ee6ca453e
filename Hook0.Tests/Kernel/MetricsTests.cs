using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.Kernel;

public sealed class MetricsTests : ApiTest
{
    private const string MetricsKey = "metrics-key-for-tests";

    [Test]
    public async Task Metrics_show_hook0_meters_moving_as_events_flow()
    {
        await using var host = new Hook0Factory(Database, new Dictionary<string, string?> { ["METRICS_KEY"] = MetricsKey, ["NO_AUTO_DB_MIGRATION"] = "true" });
        var master = host.CreateClient();
        master.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Hook0Factory.MasterKey);
        var scenario = new Scenario(master);
        var tenant = await scenario.TenantAsync();
        await scenario.IngestAsync(tenant.ApplicationId, tenant.EventType);

        var response = await Scrape(host.CreateClient(), MetricsKey);
        var text = await response.Content.ReadAsStringAsync();

        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith("hook0_events_ingested", StringComparison.Ordinal) && !l.StartsWith('#'));
        Assert.That(line, Is.Not.Null, text[..Math.Min(text.Length, 2000)]);
        Assert.That(double.Parse(line!.Split(' ')[^1], System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThanOrEqualTo(1));
        Assert.That(text, Does.Contain("http_server_request_duration"));
    }

    [Test]
    public async Task Without_a_metrics_key_or_port_the_public_port_does_not_serve_metrics_to_anyone()
    {
        await AssertProblemAsync(await Anonymous().GetAsync("/metrics"), 404, "NotFound");
        await AssertProblemAsync(await Master().GetAsync("/metrics"), 404, "NotFound");
        await AssertProblemAsync(await Master().GetAsync("/METRICS/"), 404, "NotFound");
    }

    [Test]
    public async Task With_a_metrics_key_only_a_scraper_sending_it_reads_metrics()
    {
        await using var host = new Hook0Factory(Database, new Dictionary<string, string?> { ["METRICS_KEY"] = MetricsKey, ["NO_AUTO_DB_MIGRATION"] = "true" });

        await AssertProblemAsync(await host.CreateClient().GetAsync("/metrics"), 401, "AuthNoAuthorizationHeader");
        await AssertProblemAsync(await Scrape(host.CreateClient(), "wrong-key"), 403, "Forbidden");
        await AssertProblemAsync(await Scrape(host.CreateClient(), Hook0Factory.MasterKey), 403, "Forbidden");
        var served = await Scrape(host.CreateClient(), MetricsKey);
        Assert.That((int)served.StatusCode, Is.EqualTo(200));
        Assert.That(await served.Content.ReadAsStringAsync(), Does.Contain("# TYPE"));
    }

    [Test]
    public async Task A_metrics_port_serves_metrics_and_nothing_else_while_the_public_port_stops_serving_them()
    {
        var metricsPort = ServerProcess.FreePort();
        await using var server = await FaultServer.StartAsync(new Dictionary<string, string?>
        {
            ["DATABASE_URL"] = Database.ConnectionString, ["NO_AUTO_DB_MIGRATION"] = "true", ["DELIVERY_WORKERS_ENABLED"] = "false",
            ["HOUSEKEEPING_ENABLED"] = "false", ["METRICS_PORT"] = $"{metricsPort}",
        });
        using var http = new HttpClient();
        var metricsBase = new Uri($"http://127.0.0.1:{metricsPort}");

        var scraped = await http.GetAsync(new Uri(metricsBase, "/metrics"));
        Assert.That((int)scraped.StatusCode, Is.EqualTo(200), "the metrics port serves /metrics without a key (none is configured)");
        Assert.That(await scraped.Content.ReadAsStringAsync(), Does.Contain("# TYPE"));
        await AssertProblemAsync(await http.GetAsync(new Uri(server.BaseAddress, "/metrics")), 404, "NotFound");
        await AssertProblemAsync(await http.GetAsync(new Uri(metricsBase, "/api/v1/errors")), 404, "NotFound");
        await AssertProblemAsync(await http.GetAsync(new Uri(metricsBase, "/healthz")), 404, "NotFound");
        Assert.That((int)(await http.GetAsync(new Uri(server.BaseAddress, "/api/v1/errors"))).StatusCode, Is.EqualTo(200), "the API stays on the public port");
        await server.StopAsync();
    }

    [Test]
    [NonParallelizable]
    public async Task After_a_delivery_to_a_named_host_no_metric_label_carries_the_host_or_the_subscription()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = new DeliveryHost(new Dictionary<string, string?> { ["METRICS_KEY"] = MetricsKey });
        var scenario = new Scenario(host.Master());
        var tenant = await scenario.TenantAsync();
        var receiverUri = new Uri(receiver.Url());
        var namedHost = $"http://localhost:{receiverUri.Port}/hook";
        var subscription = await scenario.SubscriptionAsync(tenant.ApplicationId, [tenant.EventType], url: namedHost);
        await scenario.IngestAsync(tenant.ApplicationId, tenant.EventType);
        Assert.That(await receiver.WaitForAsync(1, TimeSpan.FromSeconds(20)), Is.Not.Empty, "the event was delivered to the named host");

        var text = "";
        for (var i = 0; i < 50 && !text.Contains("http_client_request_duration", StringComparison.Ordinal); i++)
        {
            text = await (await Scrape(host.Factory.CreateClient(), MetricsKey)).Content.ReadAsStringAsync();
            await Task.Delay(100);
        }

        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain("http_client_request_duration"), "the delivery call is measured");
            Assert.That(text, Does.Not.Contain("localhost"), "no target host name");
            Assert.That(text, Does.Not.Contain("server_address").And.Not.Contain("server_port").And.Not.Contain("dns_question_name"), "no destination label at all");
            Assert.That(text, Does.Not.Contain(subscription["subscription_id"]!.GetValue<string>()), "no subscription id");
            Assert.That(text, Does.Not.Contain(tenant.ApplicationId.ToString()), "no application id");
        });
    }

    [Test]
    [NonParallelizable]
    public async Task Queue_depth_counts_attempts_waiting_for_delivery()
    {
        var scenario = new Scenario(Master());
        var tenant = await scenario.TenantAsync();
        var subscription = await scenario.SubscriptionAsync(tenant.ApplicationId, [tenant.EventType]);
        await Master().PostAsJsonAsync($"/api/v1/subscriptions/{subscription["subscription_id"]}/pause", new { application_id = tenant.ApplicationId });
        await scenario.IngestAsync(tenant.ApplicationId, tenant.EventType);
        await scenario.IngestAsync(tenant.ApplicationId, tenant.EventType);

        await using var host = new DeliveryHost(new Dictionary<string, string?> { ["METRICS_KEY"] = MetricsKey });
        string? line = null;
        for (var i = 0; i < 50 && line is null; i++)
        {
            var text = await (await Scrape(host.Factory.CreateClient(), MetricsKey)).Content.ReadAsStringAsync();
            line = text.Split('\n').FirstOrDefault(l => l.StartsWith("hook0_queue_depth", StringComparison.Ordinal) && !l.EndsWith(" 0", StringComparison.Ordinal));
            await Task.Delay(100);
        }

        Assert.That(line, Is.Not.Null.And.EndsWith(" 2"));
    }

    [Test]
    public async Task Json_log_format_writes_one_json_object_a_line()
    {
        await using var server = ServerProcess.Start(new Dictionary<string, string?>
        {
            ["DATABASE_URL"] = Database.ConnectionString, ["NO_AUTO_DB_MIGRATION"] = "true", ["DELIVERY_WORKERS_ENABLED"] = "false", ["LOG_FORMAT"] = "json",
        });
        var line = await server.WaitForLineAsync(l => l.Contains("Now listening on", StringComparison.Ordinal), TimeSpan.FromMinutes(1));

        using var document = JsonDocument.Parse(line);
        Assert.That(document.RootElement.GetProperty("Message").GetString(), Does.Contain("Now listening on"));
        await server.StopAsync();
    }

    private static Task<HttpResponseMessage> Scrape(HttpClient client, string key)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client.GetAsync("/metrics");
    }
}
