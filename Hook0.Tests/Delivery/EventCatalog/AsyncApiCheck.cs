using System.Text.Json.Nodes;
using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.Delivery.EventCatalog;

/// <summary>Runs node/asyncapi/check.cjs (the AsyncAPI 3.0.0 JSON Schema with ajv, then @asyncapi/parser) on a document.</summary>
internal static class AsyncApiCheck
{
    public static async Task<JsonNode> RunAsync(string document, string extension)
    {
        var path = Path.Combine(Path.GetTempPath(), $"hook0-asyncapi-{Guid.NewGuid():N}.{extension}");
        await File.WriteAllTextAsync(path, document);
        try
        {
            var output = await NodeRunner.RunAsync("asyncapi/check.cjs", path);
            var result = JsonNode.Parse(output)!;
            Assert.That(result["failure"], Is.Null, output);
            return result;
        }
        finally
        {
            File.Delete(path);
        }
    }
}
