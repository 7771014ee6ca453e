using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.Assistant;

/// <summary>The MCP endpoint draws on the API's token buckets: an assistant is not a way around the API's rate limits.</summary>
public sealed class AssistantRateLimitTests : ApiTest
{
    [Test]
    public async Task Calls_to_mcp_use_the_credentials_API_bucket()
    {
        await using var host = new Hook0Factory(Database, new Dictionary<string, string?>
        {
            ["NO_AUTO_DB_MIGRATION"] = "true",
            ["API_RATE_LIMITING_TOKEN_BURST_SIZE"] = "3",
            ["API_RATE_LIMITING_TOKEN_REPLENISH_PERIOD_IN_MS"] = "600000",
        });
        var master = host.CreateClient();
        master.DefaultRequestHeaders.Authorization = new("Bearer", Hook0Factory.MasterKey);
        var tenant = await new Scenario(master).TenantAsync();
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", tenant.Secret);

        Assert.That((int)(await client.GetAsync($"/api/v1/event_types?application_id={tenant.ApplicationId}")).StatusCode, Is.EqualTo(200));
        for (var i = 0; i < 2; i++)
        {
            Assert.That((int)(await client.SendAsync(Ping())).StatusCode, Is.Not.EqualTo(429), $"call {i + 1}");
        }

        await AssertProblemAsync(await client.SendAsync(Ping()), 429, "RateLimited");
    }

    private static HttpRequestMessage Ping()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = RawJson("""{"jsonrpc":"2.0","id":1,"method":"ping"}""") };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        return request;
    }
}
