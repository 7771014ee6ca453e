using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Hook0.Tests.Infrastructure;

/// <summary>The built server as its own process (which a test may SIGKILL and start again), with helpers to set up a tenant.</summary>
internal static class FaultServer
{
    public static async Task<ServerProcess> StartAsync(IReadOnlyDictionary<string, string?> environment)
    {
        var server = ServerProcess.Start(environment);
        await server.WaitForLineAsync(l => l.Contains("Now listening on", StringComparison.Ordinal), TimeSpan.FromMinutes(1));
        return server;
    }

    public static HttpClient Master(ServerProcess server)
    {
        var client = new HttpClient { BaseAddress = server.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Hook0Factory.MasterKey);
        return client;
    }

    /// <summary>A tenant with one subscription to the given URL (optionally with its own retry policy).</summary>
    public static async Task<Tenant> TenantWithSubscriptionAsync(HttpClient master, string url, object? retryPolicy = null, string name = "Acme")
    {
        var tenant = await new Scenario(master).TenantAsync(name);
        var body = new Dictionary<string, object?>
        {
            ["application_id"] = tenant.ApplicationId, ["is_enabled"] = true, ["event_types"] = new[] { tenant.EventType },
            ["labels"] = new Dictionary<string, string> { ["env"] = "prod" },
            ["target"] = new { type = "http", method = "POST", url, headers = new Dictionary<string, string>() },
        };
        if (retryPolicy is not null)
        {
            body["retry_policy"] = retryPolicy;
        }

        var response = await master.PostAsJsonAsync("/api/v1/subscriptions", body);
        Assert.That((int)response.StatusCode, Is.EqualTo(201), await response.Content.ReadAsStringAsync());
        return tenant;
    }
}
