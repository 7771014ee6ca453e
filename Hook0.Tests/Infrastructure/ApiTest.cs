using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hook0.Tests.Infrastructure;

/// <summary>Base class of API tests: empty tables before each test, clients per credential, JSON helpers.</summary>
public abstract class ApiTest
{
    protected static TestDatabase Database => ApiFixture.Database;

    [SetUp]
    public Task ResetDatabaseAsync() => ApiFixture.ResetAsync();

    protected static HttpClient Anonymous() => ApiFixture.Factory.CreateClient();

    protected static HttpClient As(string bearer)
    {
        var client = ApiFixture.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return client;
    }

    protected static HttpClient Master() => As(Hook0Factory.MasterKey);

    protected static StringContent RawJson(string json, string contentType = "application/json")
        => new(json, Encoding.UTF8, contentType);

    protected static async Task<JsonNode> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text) ?? throw new AssertionException($"Empty JSON body (status {(int)response.StatusCode}).");
    }

    /// <summary>Asserts the answer is the given problem, as <c>application/problem+json</c>, and returns it.</summary>
    protected static async Task<JsonNode> AssertProblemAsync(HttpResponseMessage response, int status, string id)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(status), body);
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), body);
        });
        var problem = JsonNode.Parse(body)!;
        Assert.Multiple(() =>
        {
            Assert.That(problem["id"]!.GetValue<string>(), Is.EqualTo(id), body);
            Assert.That(problem["status"]!.GetValue<int>(), Is.EqualTo(status));
            Assert.That(problem["type"]!.GetValue<string>(), Is.EqualTo($"https://documentation.hook0.com/reference/error-codes#{id.ToLowerInvariant()}"));
            Assert.That(problem["title"]!.GetValue<string>(), Is.Not.Empty);
        });
        return problem;
    }

    protected static async Task<JsonNode> PostJsonAsync(HttpClient client, string url, object body, int expectedStatus = 201)
    {
        var response = await client.PostAsJsonAsync(url, body, JsonOptions);
        var node = await JsonAsync(response);
        Assert.That((int)response.StatusCode, Is.EqualTo(expectedStatus), node.ToJsonString());
        return node;
    }

    protected static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };
}
