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
}
