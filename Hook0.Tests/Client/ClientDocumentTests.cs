using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.Client;

/// <summary>
/// Hook0.Client is generated from <c>Hook0.Client/openapi.json</c>: that copy must be the server's current document,
/// or the client drifts. <c>scripts/generate-client.sh</c> refreshes it (this test with HOOK0_UPDATE_CLIENT_DOCUMENT=1).
/// </summary>
public sealed class ClientDocumentTests : ApiTest
{
    internal static string CommittedPath => Path.Combine(RepositoryPaths.Root, "Hook0.Client", "openapi.json");

    // Readable diffs: the document is only ever parsed, never embedded in HTML, so relaxed escaping is safe.
    [Test]
    public async Task The_client_is_generated_from_the_server_s_current_document()
    {
        var response = await Anonymous().GetAsync("/api/v1/swagger.json");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var current = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var text = current.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }).ReplaceLineEndings("\n") + "\n";

        if (Environment.GetEnvironmentVariable("HOOK0_UPDATE_CLIENT_DOCUMENT") == "1")
        {
            await File.WriteAllTextAsync(CommittedPath, text);
        }

        var committed = File.Exists(CommittedPath) ? JsonNode.Parse(await File.ReadAllTextAsync(CommittedPath)) : null;
        Assert.That(JsonNode.DeepEquals(committed, current), Is.True,
            "The API changed: run scripts/generate-client.sh and commit Hook0.Client/openapi.json with the regenerated client.");
    }
}
