using System.Net.Http.Headers;
using System.Net.Http.Json;
using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.Ingestion;

/// <summary>The recorded caller IP believes X-Forwarded-For only from configured reverse proxies.</summary>
[NonParallelizable]
public sealed class ClientAddressTests : ApiTest
{
    [TestCase(null, "127.0.0.1")]
    [TestCase("127.0.0.1/32", "203.0.113.7")]
    public async Task The_event_ip_is_the_peer_unless_it_is_a_trusted_proxy(string? proxies, string expected)
    {
        await using var server = ServerProcess.Start(new Dictionary<string, string?>
        {
            ["DATABASE_URL"] = Database.ConnectionString, ["MASTER_API_KEY"] = Hook0Factory.MasterKey, ["NO_AUTO_DB_MIGRATION"] = "true",
            ["DELIVERY_WORKERS_ENABLED"] = "false", ["REVERSE_PROXY_IPS"] = proxies,
        });
        await server.WaitForLineAsync(l => l.Contains("Now listening on", StringComparison.Ordinal), TimeSpan.FromMinutes(1));
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Hook0Factory.MasterKey);
        var tenant = await new Scenario(http).TenantAsync();

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/event") { Content = JsonContent.Create(Scenario.Event(tenant.ApplicationId, tenant.EventType)) };
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        var response = await http.SendAsync(request);
        var id = (await JsonAsync(response))["event_id"]!.GetValue<Guid>();

        Assert.That(await Database.ScalarAsync<string>($"SELECT host(ip) FROM event.event WHERE event_id = '{id}'"), Is.EqualTo(expected));
        await server.StopAsync();
    }
}
