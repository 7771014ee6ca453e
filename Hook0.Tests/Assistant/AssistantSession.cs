using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Hook0.Tests.Infrastructure;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Hook0.Tests.Assistant;

/// <summary>The MCP SDK's own client, over streamable HTTP to <c>/mcp</c> of a test host, with one bearer credential.</summary>
internal sealed class AssistantSession : IAsyncDisposable
{
    private readonly McpClient _client;

    private AssistantSession(McpClient client) => _client = client;

    public static async Task<AssistantSession> ConnectAsync(Hook0Factory factory, string bearer)
    {
        var http = factory.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        var transport = new HttpClientTransport(
            new HttpClientTransportOptions { Endpoint = new Uri(http.BaseAddress!, "/mcp"), TransportMode = HttpTransportMode.StreamableHttp, Name = "hook0-tests" },
            http, loggerFactory: null, ownsHttpClient: true);
        return new AssistantSession(await McpClient.CreateAsync(transport));
    }

    public async Task<IList<McpClientTool>> ListToolsAsync() => await _client.ListToolsAsync();

    /// <summary>Calls a tool; answers whether it was refused and its JSON (the result, or the problem document).</summary>
    public async Task<(bool Refused, JsonNode? Body)> CallAsync(string tool, Dictionary<string, object?>? arguments = null)
    {
        var result = await _client.CallToolAsync(tool, arguments ?? []);
        var text = result.Content.OfType<TextContentBlock>().Single().Text;
        try
        {
            return (result.IsError == true, JsonNode.Parse(text));
        }
        catch (System.Text.Json.JsonException)
        {
            throw new AssertionException($"{tool} answered no JSON (error: {result.IsError}): {text}");
        }
    }

    /// <summary>Calls a tool that must answer; fails the test with the problem otherwise.</summary>
    public async Task<JsonNode> AnswerAsync(string tool, Dictionary<string, object?>? arguments = null)
    {
        var (refused, body) = await CallAsync(tool, arguments);
        Assert.That(refused, Is.False, $"{tool}: {body?.ToJsonString()}");
        return body!;
    }

    /// <summary>Calls a tool that must be refused with the problem <paramref name="id"/>.</summary>
    public async Task AssertRefusedAsync(string tool, Dictionary<string, object?> arguments, string id)
    {
        var (refused, body) = await CallAsync(tool, arguments);
        Assert.Multiple(() =>
        {
            Assert.That(refused, Is.True, $"{tool} answered: {body?.ToJsonString()}");
            Assert.That(body?["id"]?.GetValue<string>(), Is.EqualTo(id), $"{tool}: {body?.ToJsonString()}");
        });
    }

    public ValueTask DisposeAsync() => _client.DisposeAsync();
}
