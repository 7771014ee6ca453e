using System.Net.Http.Json;
using System.Text.Json;
using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.Kernel;

public sealed class MetricsTests : ApiTest
{
    [Test]
    public async Task Metrics_show_hook0_meters_moving_as_events_flow()
    {
        var scenario = new Scenario(Master());
        var tenant = await scenario.TenantAsync();
        await scenario.IngestAsync(tenant.ApplicationId, tenant.EventType);

        var response = await Anonymous().GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith("hook0_events_ingested", StringComparison.Ordinal) && !l.StartsWith('#'));
        Assert.That(line, Is.Not.Null, text[..Math.Min(text.Length, 2000)]);
        Assert.That(double.Parse(line!.Split(' ')[^1], System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThanOrEqualTo(1));
        Assert.That(text, Does.Contain("http_server_request_duration"));
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

        await using var host = new DeliveryHost();
        string? line = null;
        for (var i = 0; i < 50 && line is null; i++)
        {
            var text = await (await host.Master().GetAsync("/metrics")).Content.ReadAsStringAsync();
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
}
