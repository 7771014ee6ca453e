using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.Contract;

/// <summary>
/// Our generated OpenAPI document against upstream's snapshot: every upstream operation is ours too
/// (same method and path, upstream's query parameters, request fields and required response fields),
/// unless it is listed as pending with the reason it is not built yet.
/// </summary>
public sealed partial class OpenApiDocumentTests : ApiTest
{
    private static readonly Dictionary<string, string> Pending = [];

    /// <summary>Upstream's POSTs that take no body: the token travels in Authorization.</summary>
    private static readonly HashSet<string> BodylessPosts = ["POST /api/v1/auth/refresh", "POST /api/v1/auth/logout",
        "POST /api/v1/invitations/{}/accept", "POST /api/v1/invitations/{}/decline"];

    /// <summary>Operations whose success is a document in another format: each must still declare a schema for its own media type.</summary>
    private static readonly Dictionary<string, string> NonJsonResponses = new()
    {
        ["GET /api/v1/applications/{}/asyncapi.yaml"] = "application/yaml",
        ["GET /api/v1/request_attempts/stream"] = "text/event-stream",
    };

    private static JsonNode? _ours;

    private static async Task<JsonNode> OursAsync()
    {
        if (_ours is null)
        {
            var response = await Anonymous().GetAsync("/api/v1/swagger.json");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
            _ours = await JsonAsync(response);
        }

        return _ours;
    }

    [Test]
    public async Task Document_is_public_and_declares_the_biscuit_scheme()
    {
        var document = await OursAsync();
        var scheme = document["components"]!["securitySchemes"]!["biscuit"]!;

        Assert.Multiple(() =>
        {
            Assert.That(document["info"]!["title"]!.GetValue<string>(), Is.EqualTo("Hook0 API"));
            Assert.That(scheme["type"]!.GetValue<string>(), Is.EqualTo("apiKey"));
            Assert.That(scheme["in"]!.GetValue<string>(), Is.EqualTo("header"));
            Assert.That(scheme["name"]!.GetValue<string>(), Is.EqualTo("Authorization"));
            Assert.That(Operation(document, "GET", "/api/v1/applications")!["security"], Is.Not.Null);
            Assert.That(Operation(document, "GET", "/api/v1/instance")!["security"], Is.Null);
        });
    }

    [Test]
    public async Task Reference_page_is_public_and_serves_its_assets_itself()
    {
        var client = Anonymous();
        var page = await client.GetAsync("/api/documentation");
        var html = await page.Content.ReadAsStringAsync();
        var scripts = ScriptSource().Matches(html).Select(m => m.Groups[1].Value).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK), html);
            Assert.That(html, Does.Contain("api/v1/swagger.json"));
            Assert.That(scripts, Is.Not.Empty);
            Assert.That(scripts, Has.None.StartsWith("http"), "no CDN");
        });
        foreach (var script in scripts)
        {
            var asset = await client.GetAsync(new Uri(page.RequestMessage!.RequestUri!, script));
            Assert.That(asset.StatusCode, Is.EqualTo(HttpStatusCode.OK), script);
        }
    }

    [Test]
    public async Task The_batch_body_is_documented_as_the_array_of_events_it_is()
    {
        var document = await OursAsync();
        var reference = document["paths"]!["/api/v1/events/batch"]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>();
        var schema = document["components"]!["schemas"]![reference.Split('/')[^1]]!;

        Assert.That(schema["type"]!.GetValue<string>(), Is.EqualTo("array"));
        Assert.That(schema["items"]!["$ref"]!.GetValue<string>(), Is.EqualTo("#/components/schemas/EventPost"));
    }

    [Test]
    public async Task The_events_list_declares_its_payload_search_parameters_with_what_they_match()
    {
        var parameters = Operation(await OursAsync(), "GET", "/api/v1/events")!["parameters"]!.AsArray()
            .Where(p => p!["in"]!.GetValue<string>() == "query")
            .ToDictionary(p => p!["name"]!.GetValue<string>(), p => p!["description"]?.GetValue<string>() ?? "");

        Assert.Multiple(() =>
        {
            Assert.That(parameters["payload_contains"], Does.Contain("contains this JSON object").And.Contain("4096 bytes").And.Contain("32 levels"));
            Assert.That(parameters["payload_path"], Does.Contain("object keys separated by dots"));
            Assert.That(parameters["payload_value"], Does.Contain("JSON string").And.Contain("JSON number"));
        });
    }

    [Test]
    public async Task Every_operation_declares_its_schemas_and_problem_responses()
    {
        var failures = new List<string>();
        foreach (var (key, operation) in Operations(await OursAsync()))
        {
            var responses = operation["responses"]!.AsObject();
            if (!responses.Any(r => r.Key.StartsWith('2')))
            {
                failures.Add($"{key}: no success response");
            }

            var mediaType = NonJsonResponses.GetValueOrDefault(key, "application/json");
            failures.AddRange(responses.Where(r => r.Key.StartsWith('2') && r.Key != "204" && r.Value!["content"]?[mediaType]?["schema"] is null)
                .Select(r => $"{key}: {r.Key} response without a {mediaType} schema"));
            if ((key.StartsWith("POST", StringComparison.Ordinal) || key.StartsWith("PUT", StringComparison.Ordinal))
                && !BodylessPosts.Contains(key)
                && operation["requestBody"]?["content"]?["application/json"]?["schema"] is null)
            {
                failures.Add($"{key}: no JSON request body schema");
            }

            if (!responses.Any(r => r.Value!["content"]?["application/problem+json"] is not null))
            {
                failures.Add($"{key}: no application/problem+json response");
            }
        }

        Assert.That(failures, Is.Empty);
    }

    [Test]
    public async Task Every_upstream_operation_is_ours_with_compatible_fields()
    {
        var document = await OursAsync();
        var ours = Operations(document).ToDictionary(o => o.Key, o => o.Operation);
        var upstream = Operations(OpenApiSnapshot.Root).ToList();
        var failures = new List<string>();
        foreach (var (key, theirs) in upstream)
        {
            if (!ours.TryGetValue(key, out var mine))
            {
                if (!Pending.ContainsKey(key))
                {
                    failures.Add($"{key}: missing");
                }

                continue;
            }

            if (Pending.ContainsKey(key))
            {
                failures.Add($"{key}: built, remove it from Pending");
            }

            failures.AddRange(CompareOperation(key, theirs, mine, document));
        }

        var upstreamKeys = upstream.Select(u => u.Key).ToHashSet();
        foreach (var key in ours.Keys.Where(k => !upstreamKeys.Contains(k)).Order())
        {
            TestContext.Out.WriteLine($"addition: {key}");
        }

        foreach (var (key, reason) in Pending)
        {
            TestContext.Out.WriteLine($"pending: {key} ({reason})");
        }

        Assert.That(failures, Is.Empty);
    }

    private static IEnumerable<string> CompareOperation(string key, JsonNode theirs, JsonNode mine, JsonNode document)
    {
        var myQuery = Parameters(mine).ToHashSet();
        foreach (var name in Parameters(theirs).Where(n => !myQuery.Contains(n)))
        {
            yield return $"{key}: query parameter '{name}' missing";
        }

        var theirBody = theirs["requestBody"]?["content"]?["application/json"]?["schema"];
        if (theirBody is not null)
        {
            var myBody = mine["requestBody"]?["content"]?["application/json"]?["schema"];
            var myFields = myBody is null ? [] : Fields(myBody, document).ToHashSet();
            foreach (var field in Fields(theirBody, OpenApiSnapshot.Root).Where(f => !myFields.Contains(f)))
            {
                yield return $"{key}: request field '{field}' missing";
            }
        }

        foreach (var (status, response) in theirs["responses"]!.AsObject().Where(r => r.Key.StartsWith('2')))
        {
            var theirSchema = response!["content"]?["application/json"]?["schema"];
            if (mine["responses"]![status] is not { } myResponse)
            {
                yield return $"{key}: no {status} response";
                continue;
            }

            if (theirSchema is null)
            {
                continue;
            }

            var mySchema = myResponse["content"]?["application/json"]?["schema"];
            var myFields = mySchema is null ? [] : Fields(mySchema, document).ToHashSet();
            foreach (var field in Required(theirSchema, OpenApiSnapshot.Root).Where(f => !myFields.Contains(f)))
            {
                yield return $"{key}: {status} response field '{field}' missing";
            }
        }
    }

    private static IEnumerable<(string Key, JsonNode Operation)> Operations(JsonNode document)
        => from path in document["paths"]!.AsObject()
           from op in path.Value!.AsObject()
           select ($"{op.Key.ToUpperInvariant()} {Shape(path.Key)}", op.Value!);

    private static JsonNode? Operation(JsonNode document, string method, string path)
        => Operations(document).FirstOrDefault(o => o.Key == $"{method} {Shape(path)}").Operation;

    private static string Shape(string path) => PathParameter().Replace(path.TrimEnd('/'), "{}");

    private static IEnumerable<string> Parameters(JsonNode operation)
        => operation["parameters"]?.AsArray().Where(p => p!["in"]!.GetValue<string>() == "query").Select(p => p!["name"]!.GetValue<string>()) ?? [];

    /// <summary>Member names of an object schema (or of an array's items), through refs and compositions.</summary>
    private static IEnumerable<string> Fields(JsonNode schema, JsonNode document)
        => Members(schema, document, s => s["properties"]?.AsObject().Select(p => p.Key) ?? []);

    private static IEnumerable<string> Required(JsonNode schema, JsonNode document)
        => Members(schema, document, s => s["required"]?.AsArray().Select(r => r!.GetValue<string>()) ?? []);

    private static IEnumerable<string> Members(JsonNode schema, JsonNode document, Func<JsonNode, IEnumerable<string>> pick)
    {
        while (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            schema = document["components"]!["schemas"]![reference[(reference.LastIndexOf('/') + 1)..]]!;
        }

        if (schema["items"] is { } items)
        {
            return Members(items, document, pick);
        }

        var composed = new[] { "allOf", "oneOf", "anyOf" }
            .SelectMany(k => schema[k]?.AsArray() ?? [])
            .SelectMany(s => Members(s!, document, pick));
        return pick(schema).Concat(composed).Distinct();
    }

    [GeneratedRegex("<script[^>]*src=\"([^\"]+)\"")]
    private static partial Regex ScriptSource();

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex PathParameter();
}
