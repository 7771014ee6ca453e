using System.Net;
using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.Kernel;

/// <summary>An instance can be a worker only, an API only, or both (the default).</summary>
public sealed class RolesTests
{
    private static async Task<(HttpStatusCode Api, HttpStatusCode Dashboard, HttpStatusCode Ready)> ProbeAsync(Dictionary<string, string?> settings)
    {
        settings["NO_AUTO_DB_MIGRATION"] = "true";
        await using var factory = new Hook0Factory(ApiFixture.Database, settings);
        var client = factory.CreateClient();
        return ((await client.GetAsync("/api/v1/instance")).StatusCode, (await client.GetAsync("/")).StatusCode, (await client.GetAsync("/readyz")).StatusCode);
    }

    [Test]
    public async Task A_worker_only_instance_serves_probes_but_no_api_nor_dashboard()
        => Assert.That(await ProbeAsync(new() { ["API_ENABLED"] = "false", ["DASHBOARD_ENABLED"] = "false" }),
            Is.EqualTo((HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.OK)));

    [Test]
    public async Task An_api_only_instance_serves_no_dashboard()
        => Assert.That(await ProbeAsync(new() { ["DASHBOARD_ENABLED"] = "false" }),
            Is.EqualTo((HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.OK)));

    [Test]
    public async Task By_default_an_instance_does_everything()
        => Assert.That(await ProbeAsync([]), Is.EqualTo((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK)));
}
