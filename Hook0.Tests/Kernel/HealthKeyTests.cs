using System.Net;
using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.Kernel;

/// <summary>Upstream's <c>/health?key=</c>: a host configured with a key, on the run's database.</summary>
public sealed class HealthKeyTests
{
    private Hook0Factory _factory = null!;

    [OneTimeSetUp]
    public void Start()
        => _factory = new Hook0Factory(ApiFixture.Database, new Dictionary<string, string?> { ["HEALTH_CHECK_KEY"] = "s3cret", ["NO_AUTO_DB_MIGRATION"] = "true" });

    [OneTimeTearDown]
    public Task StopAsync() => _factory.DisposeAsync().AsTask();

    [Test]
    public async Task Health_with_the_right_key_reports_the_database()
    {
        var response = await _factory.CreateClient().GetAsync("/api/v1/health?key=s3cret");
        var body = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.Multiple(() =>
        {
            Assert.That(body["database"]!.GetValue<bool>(), Is.True);
            Assert.That(body["database_duration_ms"]!.GetValue<long>(), Is.GreaterThanOrEqualTo(0));
            Assert.That(body["total_duration_ms"]!.GetValue<long>(), Is.GreaterThanOrEqualTo(0));
        });
    }

    [Test]
    public async Task Health_with_a_wrong_key_is_forbidden()
    {
        var response = await _factory.CreateClient().GetAsync("/api/v1/health?key=nope");

        Assert.That((int)response.StatusCode, Is.EqualTo(403));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("\"id\":\"Forbidden\""));
    }
}
